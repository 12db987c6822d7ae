package io.hyperindex.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sandbox as a partner starts it: {@code mm-gateway sandbox} in its own JVM (the jar's
 * main class on this test's class path), found through the endpoint it prints, ready over
 * HTTP, with well-formed demo credentials that survive a kill and a restart.
 */
class SandboxLaunchTest {
    private static final Pattern HTTP_LINE = Pattern.compile("^HTTP\\s+(http://127\\.0\\.0\\.1:(\\d+))\\s+\\(/health, /ready\\)$");
    private static final List<String> ACCOUNTS = List.of("mm-alpha", "mm-bravo", "mm-charlie", "venue-mm");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sandbox child process and what it has printed so far. */
    private static final class Sandbox {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        final Path stderr;

        Sandbox(Path dataDir, Path stderr) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            this.stderr = stderr;
            this.process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "io.hyperindex.gateway.ops.Main", "sandbox", "--data-dir", dataDir.toString(),
                    "--http-port", "0", "--grpc-port", "0", "--fix-port", "0")
                    .redirectError(stderr.toFile())
                    .start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process went away
                }
            }, "sandbox-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the printed HTTP endpoint and returns its base URI. */
        URI httpEndpoint() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!process.isAlive()) {
                        fail("the sandbox exited with " + process.exitValue() + " before printing its HTTP endpoint:\n"
                                + String.join("\n", seen) + "\n" + Files.readString(stderr));
                    }
                    continue;
                }
                seen.add(line);
                Matcher m = HTTP_LINE.matcher(line);
                if (m.matches()) {
                    assertTrue(Integer.parseInt(m.group(2)) > 0, "the real bound port is printed, not 0: " + line);
                    return URI.create(m.group(1));
                }
            }
            throw new AssertionError("no HTTP endpoint printed within 60 s:\n" + String.join("\n", seen));
        }

        /** Polls /ready until it answers 200; returns its body. */
        JsonNode awaitReady(URI base) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int last = -1;
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), "the sandbox died while starting:\n" + Files.readString(stderr));
                HttpResponse<String> r = get(base.resolve("/ready"));
                last = r.statusCode();
                if (last == 200) {
                    return JSON.readTree(r.body());
                }
                assertEquals(503, last, "before it is ready, /ready answers 503: " + r.body());
                assertEquals("{\"ready\":false}", r.body());
                Thread.sleep(100);
            }
            throw new AssertionError("/ready never answered 200 (last " + last + ")");
        }

        /** Everything printed up to now. */
        String printed() {
            lines.drainTo(seen);
            return String.join("\n", seen);
        }

        void stop(boolean forcibly) throws Exception {
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the sandbox did not exit");
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sandboxStartsOnDefaultsWithDemoCredentialsThatSurviveARestart(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        String firstKeys;

        Sandbox first = new Sandbox(dataDir, tmp.resolve("first.err"));
        try {
            URI base = first.httpEndpoint();
            JsonNode ready = first.awaitReady(base);
            assertTrue(ready.get("ready").asBoolean());
            // the four accounts' configured risk limits, journaled at start; then the market maker's first commands
            assertTrue(ready.get("lastSequence").asLong() >= 4, ready.toString());
            assertEquals(List.of("BTC-USDC", "ETH-USDC", "HYPE-USDC", "HIDX-USDC"),
                    JSON.convertValue(ready.get("instruments"), List.class));

            HttpResponse<String> health = get(base.resolve("/health"));
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\"}", health.body());
            HttpResponse<String> missing = get(base.resolve("/no/such/path"));
            assertEquals(404, missing.statusCode());
            assertEquals("NOT_FOUND", JSON.readTree(missing.body()).get("code").asText());

            String printed = first.printed();
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("HL    http://127.0.0.1:") && l.contains("/hl")), printed);
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("gRPC  ")), printed);
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("FIX   ")), printed);

            Path file = dataDir.resolve("demo-accounts.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            firstKeys = Files.readString(file);
            checkDemoAccounts(JSON.readTree(firstKeys));
            for (JsonNode a : JSON.readTree(firstKeys).get("accounts")) {
                String seed = a.get("ed25519SeedHex").asText();
                String priv = a.get("hlAgentPrivateKey").asText().substring(2);
                assertFalse(printed.contains(seed) || Files.readString(first.stderr).contains(seed), "a seed was printed");
                assertFalse(printed.contains(priv) || Files.readString(first.stderr).contains(priv), "a private key was printed");
            }
        } finally {
            first.stop(true); // kill -9: the OS must release the data-directory lock
        }

        Sandbox second = new Sandbox(dataDir, tmp.resolve("second.err"));
        try {
            URI base = second.httpEndpoint();
            second.awaitReady(base);
            assertEquals(JSON.readTree(firstKeys), JSON.readTree(Files.readString(dataDir.resolve("demo-accounts.json"))),
                    "the demo keys are generated once per data directory");
            assertTrue(second.printed().contains("kept from an earlier start"), second.printed());
        } finally {
            second.stop(false); // SIGTERM: the shutdown hook closes HTTP and the engine
        }
        assertTrue(Files.readString(second.stderr).contains("shutting down"), Files.readString(second.stderr));
    }

    /** The file lists the four demo accounts, each with every field present and well formed. */
    private static void checkDemoAccounts(JsonNode file) throws Exception {
        JsonNode accounts = file.get("accounts");
        assertNotNull(accounts, "an accounts array");
        assertEquals(ACCOUNTS.size(), accounts.size());
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            JsonNode a = accounts.get(i);
            String name = ACCOUNTS.get(i);
            assertEquals(name, a.get("account").asText());

            String seedHex = text(a, "ed25519SeedHex");
            assertTrue(seedHex.matches("[0-9a-f]{64}"), name + " seed is 64 hex digits");
            byte[] pub = new Ed25519PrivateKeyParameters(HexFormat.of().parseHex(seedHex), 0).generatePublicKey().getEncoded();
            assertEquals(HexFormat.of().formatHex(pub), text(a, "ed25519PublicKeyHex"), name + " public key");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pub);
            assertEquals("hik_" + HexFormat.of().formatHex(digest, 0, 8), text(a, "keyId"), name + " key id");

            String priv = text(a, "hlAgentPrivateKey");
            assertTrue(priv.matches("0x[0-9a-f]{64}"), name + " agent key is 0x + 64 hex digits");
            String address = text(a, "hlAgentAddress");
            assertTrue(address.matches("0x[0-9a-f]{40}"), name + " agent address");
            assertEquals(Credentials.create(priv).getAddress(), address, name + " agent address derives from its key");

            assertTrue(text(a, "fixSenderCompId").matches("[A-Z][A-Z-]*"), name + " SenderCompID");
            assertEquals("HYPERINDEX", text(a, "fixTargetCompId"));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        assertNotNull(v, "field " + field + " in " + node.get("account"));
        return v.asText();
    }
}
