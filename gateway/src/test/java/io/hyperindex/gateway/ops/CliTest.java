package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of the command line, run in-process through picocli. */
class CliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void validateConfigExitsZeroForAValidFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), ConfigLoader.defaultConfigText());
        CliRun r = run("validate-config", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid (4 instruments, 4 accounts, 4 with risk limits, 2 circuit breakers"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validateConfigExitsOneAndNamesTheBadField(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.yaml"),
                ConfigLoader.defaultConfigText().replace("tickSize: \"0.001\"", "tickSize: \"-0.1\""));
        CliRun r = run("validate-config", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("instruments[2].tickSize: must be a positive decimal (got \"-0.1\")"), r.err());
    }

    @Test
    void validateConfigExitsOneForAMissingFile(@TempDir Path dir) {
        CliRun r = run("validate-config", dir.resolve("nope.yaml").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nope.yaml: no such file"), r.err());
    }

    @Test
    void validateConfigWithoutAFileIsAUsageError() {
        CliRun r = run("validate-config");
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
        CliRun r = run("run", "--config", file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("engine.ringSize: must be a power of two"), r.err());
        assertTrue(Files.notExists(dir.resolve("data")), "nothing may be created for an invalid config");
    }

    @Test
    void sandboxRejectsAnOutOfRangePortNamingTheOption(@TempDir Path dir) {
        CliRun r = run("sandbox", "--data-dir", dir.toString(), "--http-port", "70000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--http-port: must be a port number from 0 (any free port) to 65535 (got 70000)"), r.err());
        CliRun clash = run("sandbox", "--data-dir", dir.toString(), "--http-port", "9876");
        assertEquals(2, clash.code());
        assertTrue(clash.err().contains("--fix-port: must differ from --http-port"), clash.err());
    }

    @Test
    void reportStatementReadsTheJournalOfAStoppedGateway(@TempDir Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        try (GatewayServer server = new GatewayServer(config, GatewayServer.Mode.CONFIGURED, new PrintWriter(new StringWriter()))) {
            server.start();
            // mm-alpha rests 0.1 ETH at 3500, mm-bravo takes it: 350 USDC notional
            server.engine().submit(new Command.PlaceOrder(0, 1, "a1", Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                    350_000, 100, 0, null)).get(10, TimeUnit.SECONDS);
            server.engine().submit(new Command.PlaceOrder(1, 1, "b1", Side.BUY, OrderType.LIMIT, TimeInForce.IOC,
                    350_000, 100, 0, null)).get(10, TimeUnit.SECONDS);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CliRun csv = run("report", "statement", "--account", "mm-alpha", "--from", today.minusDays(1).toString(),
                "--to", today.plusDays(1).toString(), "--format", "csv", "--data-dir", dir.toString());
        assertEquals(0, csv.code(), csv.err());
        String[] rows = csv.out().split("\n");
        assertTrue(rows[0].startsWith("account,from,to,maker_volume_usdc"), rows[0]);
        assertTrue(rows[1].startsWith("mm-alpha,"), rows[1]);
        assertTrue(rows[1].contains(",350,0,1,"), "maker volume 350, taker 0, one fill: " + rows[1]);

        CliRun json = run("report", "statement", "--account", "mm-bravo", "--from", today.toString(), "--to", today.toString(),
                "--data-dir", dir.toString());
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"takerVolumeUsdc\" : \"350\""), json.out());
        assertTrue(json.out().contains("\"feesUsdc\" : \"0.105\""), "3 bp of 350 USDC: " + json.out());

        CliRun unknown = run("report", "statement", "--account", "mm-zulu", "--from", today.toString(), "--to", today.toString(),
                "--data-dir", dir.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no account mm-zulu"), unknown.err());

        CliRun risk = run("report", "risk", "--account", "mm-bravo", "--day", today.toString(), "--data-dir", dir.toString());
        assertEquals(0, risk.code(), risk.err());
        assertTrue(risk.out().contains("\"peakGrossExposureUsdc\" : \"350\""), "long 0.1 ETH at 3500: " + risk.out());
        assertTrue(risk.out().contains("\"feesUsdc\" : \"0.105\""), risk.out());
        assertTrue(risk.out().contains("\"trades\" : 1"), risk.out());
        CliRun riskCsv = run("report", "risk", "--account", "mm-alpha", "--day", today.toString(), "--format", "csv",
                "--data-dir", dir.toString());
        assertEquals(0, riskCsv.code(), riskCsv.err());
        assertTrue(riskCsv.out().split("\n")[1].startsWith("mm-alpha," + today + ","), riskCsv.out());
    }
}
