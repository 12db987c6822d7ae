package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.ops.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of the command line, run in-process through picocli. */
class CliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void validateConfigExitsZeroForAValidFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), ConfigLoader.defaultConfigText());
        Run r = run("validate-config", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid (4 instruments, 4 accounts"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validateConfigExitsOneAndNamesTheBadField(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"),
                ConfigLoader.defaultConfigText().replace("tickSize: \"0.001\"", "tickSize: \"-0.1\""));
        Run r = run("validate-config", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("instruments[2].tickSize: must be a positive decimal (got \"-0.1\")"), r.err());
    }

    @Test
    void validateConfigExitsOneForAMissingFile(@TempDir Path dir) {
        Run r = run("validate-config", dir.resolve("nope.yaml").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nope.yaml: no such file"), r.err());
    }

    @Test
    void validateConfigWithoutAFileIsAUsageError() {
        Run r = run("validate-config");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.err());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertEquals(2, run().code());
        assertEquals(2, run("serve").code());
    }

    @Test
    void runRefusesAnInvalidConfigBeforeStartingAnything(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"),
                ConfigLoader.defaultConfigText().replace("dataDir: ./data", "dataDir: " + dir.resolve("data"))
                        .replace("ringSize: 65536", "ringSize: 1000"));
        Run r = run("run", "--config", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("engine.ringSize: must be a power of two"), r.err());
        assertTrue(Files.notExists(dir.resolve("data")), "nothing may be created for an invalid config");
    }

    @Test
    void sandboxRejectsAnOutOfRangePortNamingTheOption(@TempDir Path dir) {
        Run r = run("sandbox", "--data-dir", dir.toString(), "--http-port", "70000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--http-port: must be a port number from 0 (any free port) to 65535 (got 70000)"), r.err());
        Run clash = run("sandbox", "--data-dir", dir.toString(), "--http-port", "9876");
        assertEquals(2, clash.code());
        assertTrue(clash.err().contains("--fix-port: must differ from --http-port"), clash.err());
    }
}
