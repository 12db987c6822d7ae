package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accepted means durable: a real engine in a child JVM is killed with SIGKILL mid-stream,
 * and every command it acknowledged before dying must be in the recovered journal with
 * exactly the events it acknowledged.
 */
class KillNineRecoveryTest {

    @Test
    void everyCommandAcknowledgedBeforeKillNineSurvivesRestartWithItsEvents(@TempDir Path dir) throws Exception {
        Map<Long, Long> acked = new HashMap<>();
        runAndKill(dir, 15_000, acked);
        assertTrue(acked.size() >= 15_000, "the child acknowledged " + acked.size() + " commands before the kill");
        System.out.println("kill -9 test: " + acked.size() + " commands acknowledged before the first kill");
        long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

        // restart in a second child life: recovery must see everything acknowledged, then keep going
        Map<Long, Long> ackedAgain = new HashMap<>();
        long recoveredAt = runAndKill(dir, 5_000, ackedAgain);
        assertTrue(recoveredAt >= maxAcked, "recovered up to " + recoveredAt + ", acknowledged " + maxAcked);
        acked.putAll(ackedAgain);

        Map<Long, Long> journaled = new HashMap<>();
        CRC32C crc = new CRC32C();
        try (Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()))) {
            assertTrue(engine.recovery().lastSequence() >= acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
        }
        JournalReader.scan(dir, 0, false, (seq, payload) -> {
            crc.reset();
            crc.update(payload);
            journaled.put(seq, crc.getValue());
        });
        for (Map.Entry<Long, Long> a : acked.entrySet()) {
            assertEquals(a.getValue(), journaled.get(a.getKey()), "command " + a.getKey() + " and its events as acknowledged");
        }
    }

    /** Starts the driver, waits for {@code killAfter} acks, kills it with SIGKILL; returns the sequence it recovered to. */
    private static long runAndKill(Path dir, int killAfter, Map<Long, Long> acked) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = Files.createTempFile("kill-nine-child", ".err");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KillNineDriver.class.getName(), dir.toString(), "10000000")
                .redirectError(stderr.toFile()).start();
        long recoveredAt = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((line = in.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    recoveredAt = Long.parseLong(line.substring(6));
                } else if (line.startsWith("ACK ")) {
                    List<String> f = List.of(line.split(" "));
                    acked.put(Long.parseLong(f.get(1)), Long.parseLong(f.get(2)));
                    if (acked.size() == killAfter || System.nanoTime() > deadline) {
                        p.toHandle().destroyForcibly(); // SIGKILL on Linux, keeping our end of the pipe open
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(137, p.exitValue(), () -> "the child died of SIGKILL; its stderr:\n" + tail(stderr));
        Files.deleteIfExists(stderr);
        return recoveredAt;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
