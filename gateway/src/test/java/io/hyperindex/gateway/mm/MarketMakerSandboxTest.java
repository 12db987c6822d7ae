package io.hyperindex.gateway.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox runs the market maker by default: partners see two-sided books; operator changes survive restarts. */
class MarketMakerSandboxTest {
    private static final List<String> SYMBOLS = List.of("BTC-USDC", "ETH-USDC", "HYPE-USDC", "HIDX-USDC");

    private static GatewayServer sandbox(Path dir) throws Exception {
        GatewayConfig c = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        GatewayServer s = new GatewayServer(c, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        s.start();
        return s;
    }

    private static boolean twoSided(GatewayServer s, int instrument) throws Exception {
        BookSnapshot b = s.engine().query(c -> c.l2Snapshot(instrument, 10)).get(10, TimeUnit.SECONDS);
        return b.bids().size() == 5 && b.asks().size() == 5;
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 500; i++) { // at most 10 s
            if (condition.call()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    @Test
    void aPartnerSeesATwoSidedBookOnEverySandboxInstrument(@TempDir Path dir) throws Exception {
        try (GatewayServer s = sandbox(dir)) {
            assertNotNull(s.marketMaker());
            for (int i = 0; i < SYMBOLS.size(); i++) {
                int id = i;
                await(SYMBOLS.get(i) + " quoted five levels a side", () -> twoSided(s, id));
            }
            // over the Hyperliquid-compatible info endpoint, as a partner's bot reads it
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + s.httpAddress().getPort() + "/hl/info"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"l2Book\",\"coin\":\"HYPE\"}"))
                            .header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode levels = new ObjectMapper().readTree(r.body()).get("levels");
            assertEquals(5, levels.get(0).size(), r.body());
            assertEquals(5, levels.get(1).size(), r.body());
            double bid = levels.get(0).get(0).get("px").asDouble();
            double ask = levels.get(1).get(0).get("px").asDouble();
            assertTrue(bid < 30 && ask > 30 && (ask - bid) / 30 >= 8e-4, bid + " / " + ask);

            for (String metric : List.of("mm_spread_bps", "mm_position", "mm_daily_pnl", "mm_sigma", "mm_kappa",
                    "mm_adverse_selection_bps")) {
                for (String sym : SYMBOLS) {
                    assertFalse(s.metrics().find(metric).tag("symbol", sym).gauges().isEmpty(), metric + " " + sym);
                }
            }
            await("spread gauge published", () ->
                    s.metrics().get("mm_spread_bps").tag("symbol", "HYPE-USDC").gauge().value() >= 8);
        }
    }

    @Test
    void parameterChangesAndStopsAreJournaledAndSurviveARestart(@TempDir Path dir) throws Exception {
        try (GatewayServer s = sandbox(dir)) {
            MarketMaker mm = s.marketMaker();
            await("HYPE quoted", () -> twoSided(s, 2));
            mm.setParams("HYPE-USDC", Map.of("levels", "3", "gamma", "0.5"), "admin:test").get(10, TimeUnit.SECONDS);
            mm.stop("HIDX-USDC", "admin:test").get(10, TimeUnit.SECONDS);
            await("HIDX book empty", () -> s.engine().query(c -> c.l2Snapshot(3, 10)).get().bids().isEmpty());
        }
        try (GatewayServer s = sandbox(dir)) {
            MarketMaker mm = s.marketMaker();
            await("HYPE quoted three levels", () -> {
                BookSnapshot b = s.engine().query(c -> c.l2Snapshot(2, 10)).get(10, TimeUnit.SECONDS);
                return b.bids().size() == 3 && b.asks().size() == 3;
            });
            assertEquals("0.5", mm.status("HYPE-USDC").params().get("gamma"));
            assertEquals(MmState.STOPPED, mm.status("HIDX-USDC").state(), "an operator's stop outlives the restart");
            assertTrue(s.engine().query(c -> c.l2Snapshot(3, 10)).get(10, TimeUnit.SECONDS).bids().isEmpty());
        }
    }
}
