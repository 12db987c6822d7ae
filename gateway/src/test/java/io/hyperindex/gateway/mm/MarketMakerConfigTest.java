package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The marketMaker configuration section and the journal of operator changes. */
class MarketMakerConfigTest {
    private static final String BASE = """
            instruments:
              - {symbol: HYPE-USDC, tickSize: "0.001", lotSize: "0.01", minNotional: "10", maxOrderQty: "100000",
                 priceBandPercent: "10", marketProtectionPercent: "2", referencePrice: "30"}
              - {symbol: HIDX-USDC, tickSize: "0.0001", lotSize: "0.1", minNotional: "10", maxOrderQty: "1000000",
                 priceBandPercent: "10", marketProtectionPercent: "2", referencePrice: "1.25"}
            accounts:
              - {id: venue-mm}
            """;

    @Test
    void defaultsThenPerInstrumentOverridesApply() throws Exception {
        GatewayConfig c = ConfigLoader.parse(BASE + """
                marketMaker:
                  enabled: true
                  account: venue-mm
                  defaults: {gamma: 0.5, levels: 3}
                  instruments:
                    HYPE-USDC: {levels: 4, spacing: linear}
                    HIDX-USDC: {}
                """);
        GatewayConfig.MarketMaker mm = c.marketMaker();
        assertTrue(mm.enabled());
        assertEquals(List.of("HYPE-USDC", "HIDX-USDC"), List.copyOf(mm.instruments().keySet()));
        MmParams hype = mm.instruments().get("HYPE-USDC");
        assertEquals(0.5, hype.gamma());
        assertEquals(4, hype.levels());
        assertFalse(hype.geometricSpacing());
        assertEquals(3, mm.instruments().get("HIDX-USDC").levels());
        assertEquals(8, mm.instruments().get("HIDX-USDC").minSpreadBps(), "untouched knobs keep the venue's default");
    }

    @Test
    void leftOutTheSectionRunsNoMarketMaker() throws Exception {
        GatewayConfig c = ConfigLoader.parse(BASE);
        assertFalse(c.marketMaker().enabled());
        assertTrue(c.marketMaker().instruments().isEmpty());
    }

    @Test
    void everyBadKnobSymbolAndAccountIsReportedWithItsPath() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.parse(BASE.replace(
                "{id: venue-mm}", "{id: mm-alpha}") + """
                marketMaker:
                  enabled: true
                  account: venue-mm
                  defaults: {gama: 1}
                  instruments:
                    HYPE-USDC: {minSpreadBps: 60, maxSpreadBps: 50}
                    DOGE-USDC: {}
                """));
        List<String> p = e.problems();
        assertTrue(p.contains("marketMaker.account: must be one of the configured accounts (got \"venue-mm\")"), p.toString());
        assertTrue(p.contains("marketMaker.defaults: unknown market-maker parameter 'gama'"), p.toString());
        assertTrue(p.contains("marketMaker.instruments.HYPE-USDC: maxSpreadBps must be at least minSpreadBps"), p.toString());
        assertTrue(p.contains("marketMaker.instruments.DOGE-USDC: is not a configured instrument (got \"DOGE-USDC\")"),
                p.toString());
    }

    @Test
    void theJournalReplaysCompleteEntriesAndSkipsATornLastLine(@TempDir Path dir) throws Exception {
        try (MmParamJournal j = MmParamJournal.open(dir)) {
            j.append(new MmParamJournal.Entry(1, "HYPE-USDC", "params", Map.of("gamma", "0.5"), "admin:k1"));
            j.append(new MmParamJournal.Entry(2, "HIDX-USDC", "stop", Map.of(), "admin:k1"));
        }
        Path file = dir.resolve(MmParamJournal.FILE_NAME);
        Files.writeString(file, "{\"timestamp\":3,\"symbol\":\"HY", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (MmParamJournal j = MmParamJournal.open(dir)) {
            assertEquals(2, j.read().size(), "the torn entry was never acknowledged");
            j.append(new MmParamJournal.Entry(4, "HYPE-USDC", "params", Map.of("levels", "3"), "admin:k2"));
            List<MmParamJournal.Entry> all = j.read();
            assertEquals(3, all.size(), "an entry after a torn line starts on a line of its own");
            assertEquals(new MmParamJournal.Entry(1, "HYPE-USDC", "params", Map.of("gamma", "0.5"), "admin:k1"), all.get(0));
            assertEquals("stop", all.get(1).action());
            assertEquals(Map.of("levels", "3"), all.get(2).changes());
        }
    }
}
