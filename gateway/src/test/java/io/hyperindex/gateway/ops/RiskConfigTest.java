package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.domain.CircuitBreakerRule;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.domain.RiskLimits.UNLIMITED;
import static io.hyperindex.gateway.ops.ConfigValidationTest.edit;
import static io.hyperindex.gateway.ops.ConfigValidationTest.problems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The risk section: circuit breakers, default and per-account limits, in engine units, and their errors. */
class RiskConfigTest {
    private static final long USDC = 100_000_000L; // cash units per USDC

    /** Two instruments (BTC: 4 quantity decimals; HIDX: lot 0.5) and three accounts; {@code risk} and limits spliced in. */
    private static String yaml(String risk, String alphaLimits, String bravoLimits) {
        return """
                instruments:
                  - symbol: BTC-USDC
                    tickSize: "0.1"
                    lotSize: "0.0001"
                    minNotional: "1"
                    maxOrderQty: "100"
                    priceBandPercent: "10"
                    marketProtectionPercent: "2"
                    referencePrice: "100"
                  - symbol: HIDX-USDC
                    tickSize: "0.0001"
                    lotSize: "0.5"
                    minNotional: "1"
                    maxOrderQty: "1000000"
                    priceBandPercent: "10"
                    marketProtectionPercent: "2"
                    referencePrice: "1.25"
                """ + risk + """
                accounts:
                  - id: alpha
                """ + alphaLimits + """
                  - id: bravo
                """ + bravoLimits + """
                  - id: charlie
                """;
    }

    private static GatewayConfig parse(String yaml) throws Exception {
        return ConfigLoader.parse(yaml);
    }

    private static long[] arr(long... v) {
        return v;
    }

    // ---------------------------------------------------------------- sandbox defaults

    @Test
    void sandboxDefaultsAreTheVenueBreakersAndDemoLimitsInEngineUnits() {
        GatewayConfig c = SandboxDefaults.config();
        assertEquals(CircuitBreakerRule.venueDefaults(), c.risk().circuitBreakers());
        assertEquals(List.of(new CircuitBreakerRule(100, 60_000, CircuitBreakerRule.Action.ALERT, 300_000),
                new CircuitBreakerRule(300, 300_000, CircuitBreakerRule.Action.HALT, 900_000)), c.risk().circuitBreakers());

        RiskLimits partner = c.risk().limits().get("mm-alpha");
        assertEquals(1000, partner.maxOpenOrders());
        assertEquals(200, partner.maxOpenOrdersPerInstrument());
        assertEquals(1_000_000 * USDC, partner.maxOrderNotional());
        assertEquals(20_000_000 * USDC, partner.maxGrossExposure());
        assertEquals(10_000_000 * USDC, partner.maxNetExposure());
        assertEquals(50_000 * USDC, partner.dailyLossLimit());
        // BTC 4 quantity decimals, ETH 3, HYPE 2, HIDX 1
        assertArrayEquals(arr(10_0000, 250_000, 30000_00, 800000_0), partner.maxOrderQuantity());
        assertArrayEquals(arr(50_0000, 1400_000, 160000_00, 4000000_0), partner.maxLong());
        assertArrayEquals(partner.maxLong(), partner.maxShort());
        assertEquals(partner, c.risk().limits().get("mm-bravo"));
        assertEquals(partner, c.risk().limits().get("mm-charlie"));

        // positions of about $5M each at the reference prices, orders of about $1M at most
        for (var ins : c.instruments()) {
            long cashPerUnit = (long) Math.pow(10, 8 - ins.priceDecimals() - ins.qtyDecimals());
            long position = partner.maxLong()[ins.id()] * ins.referencePrice() * cashPerUnit / USDC;
            long order = partner.maxOrderQuantity()[ins.id()] * ins.referencePrice() * cashPerUnit / USDC;
            assertTrue(position >= 4_500_000 && position <= 5_000_000, ins.symbol() + " position $" + position);
            assertTrue(order <= 1_000_000, ins.symbol() + " order $" + order);
        }

        RiskLimits venue = c.risk().limits().get("venue-mm");
        assertEquals(4000, venue.maxOpenOrders());
        assertEquals(1000, venue.maxOpenOrdersPerInstrument());
        assertEquals(2_000_000 * USDC, venue.maxOrderNotional());
        assertEquals(250_000 * USDC, venue.dailyLossLimit());
        assertArrayEquals(arr(100_0000, 2800_000, 330000_00, 8000000_0), venue.maxLong());
        assertEquals(List.of("mm-alpha", "mm-bravo", "mm-charlie", "venue-mm"), List.copyOf(c.risk().limits().keySet()));

        EngineConfig e = c.engineConfig();
        assertEquals(c.risk().limits(), e.riskLimits());
        assertEquals(CircuitBreakerRule.venueDefaults(), e.circuitBreakers());
    }

    @Test
    void generatedConfigStillParsesToExactlyTheSandboxDefaults() throws Exception {
        GatewayConfig parsed = ConfigLoader.parse(ConfigLoader.defaultConfigText());
        assertEquals(SandboxDefaults.config(), parsed);
        assertEquals(SandboxDefaults.config().risk(), parsed.risk());
    }

    // ---------------------------------------------------------------- parsing and conversion

    @Test
    void leftOutRiskSectionMeansVenueBreakersAndNoLimits() throws Exception {
        GatewayConfig c = parse(yaml("", "", ""));
        assertEquals(CircuitBreakerRule.venueDefaults(), c.risk().circuitBreakers());
        for (String a : List.of("alpha", "bravo", "charlie")) {
            assertEquals(RiskLimits.unlimited(2), c.risk().limits().get(a), a);
        }
        assertEquals(c.risk().limits(), c.engineConfig().riskLimits());
    }

    @Test
    void decimalsBecomeEngineUnits() throws Exception {
        GatewayConfig c = parse(yaml("""
                risk:
                  circuitBreakers:
                    - { movePercent: "0.5", window: 500ms, action: alert, cooldown: 0s }
                    - { movePercent: "2.25", window: 90s, action: HALT, cooldown: 1h }
                  defaultLimits:
                    maxOpenOrders: 50
                    maxOpenOrdersPerInstrument: "7"
                    maxOrderNotionalUsdc: "1234.56789"
                    maxGrossExposureUsdc: 2000000
                    maxNetExposureUsdc: "0.00000001"
                    dailyLossLimitUsdc: "2500.5"
                    instruments:
                      BTC-USDC: { maxOrderQuantity: "0.5", maxLong: "1.2345", maxShort: "12" }
                      HIDX-USDC: { maxOrderQuantity: "1000.5", maxLong: unlimited, maxShort: "99999.50" }
                """, "", ""));
        assertEquals(List.of(new CircuitBreakerRule(50, 500, CircuitBreakerRule.Action.ALERT, 0),
                new CircuitBreakerRule(225, 90_000, CircuitBreakerRule.Action.HALT, 3_600_000)), c.risk().circuitBreakers());
        RiskLimits l = c.risk().limits().get("alpha");
        assertEquals(new RiskLimits(50, 7, 123_456_789_000L, arr(5_000, 10_005), arr(12_345, UNLIMITED),
                arr(120_000, 999_995), 2_000_000 * USDC, 1, 2_500_50_000_000L), l);
        assertEquals(l, c.risk().limits().get("charlie"));
        assertEquals(l, c.engineConfig().riskLimits().get("bravo"));
    }

    @Test
    void accountLimitsOverrideTheDefaultsFieldByField() throws Exception {
        GatewayConfig c = parse(yaml("""
                risk:
                  defaultLimits:
                    maxOpenOrders: 100
                    maxOrderNotionalUsdc: "50000"
                    dailyLossLimitUsdc: "1000"
                    instruments:
                      BTC-USDC: { maxOrderQuantity: "1", maxLong: "5" }
                """, """
                    limits:
                      maxOpenOrders: unlimited
                      maxOpenOrdersPerInstrument: 20
                      dailyLossLimitUsdc: "2000"
                      instruments:
                        BTC-USDC: { maxShort: "3" }
                        HIDX-USDC: { maxLong: "100" }
                """, """
                    limits: {}
                """));
        RiskLimits alpha = c.risk().limits().get("alpha");
        assertEquals(UNLIMITED, alpha.maxOpenOrders(), "unlimited lifts the default");
        assertEquals(20, alpha.maxOpenOrdersPerInstrument(), "the account's own");
        assertEquals(50_000 * USDC, alpha.maxOrderNotional(), "left out: the default");
        assertEquals(2_000 * USDC, alpha.dailyLossLimit());
        assertEquals(UNLIMITED, alpha.maxGrossExposure(), "in neither: unlimited");
        assertArrayEquals(arr(10_000, UNLIMITED), alpha.maxOrderQuantity(), "BTC from the default");
        assertArrayEquals(arr(50_000, 1_000), alpha.maxLong(), "BTC from the default, HIDX the account's");
        assertArrayEquals(arr(30_000, UNLIMITED), alpha.maxShort(), "BTC the account's");

        RiskLimits defaults = new RiskLimits(100, UNLIMITED, 50_000 * USDC, arr(10_000, UNLIMITED), arr(50_000, UNLIMITED),
                arr(UNLIMITED, UNLIMITED), UNLIMITED, UNLIMITED, 1_000 * USDC);
        assertEquals(defaults, c.risk().limits().get("bravo"), "limits: {} = the defaults");
        assertEquals(defaults, c.risk().limits().get("charlie"), "no limits = the defaults");
    }

    @Test
    void noBreakersAndAllUnlimitedAccounts() throws Exception {
        GatewayConfig c = parse(yaml("""
                risk:
                  circuitBreakers: []
                  defaultLimits: {}
                """, """
                    limits: { maxOpenOrders: 5 }
                """, ""));
        assertEquals(List.of(), c.risk().circuitBreakers());
        assertEquals(List.of(), c.engineConfig().circuitBreakers());
        assertEquals(5, c.risk().limits().get("alpha").maxOpenOrders());
        // all-unlimited accounts are kept (as unlimited), so that limits removed from the file are lifted at start
        assertEquals(RiskLimits.unlimited(2), c.risk().limits().get("bravo"));
    }

    @Test
    void theExampleInTheDocsMeansWhatItSays() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("..", "docs", "configuration.md"));
        int start = doc.indexOf("```yaml\nrisk:");
        assertTrue(start >= 0, "docs/configuration.md has a risk example");
        String example = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 3));
        String defaults = ConfigLoader.defaultConfigText();
        String instruments = defaults.substring(defaults.indexOf("instruments:\n  - symbol"), defaults.indexOf("\n# Risk controls"));
        GatewayConfig c = parse(instruments + "\n" + example.replace("accounts:\n", "accounts:\n  - id: mm-bravo\n"));
        RiskLimits alpha = c.risk().limits().get("mm-alpha");
        RiskLimits bravo = c.risk().limits().get("mm-bravo");
        assertEquals(CircuitBreakerRule.venueDefaults(), c.risk().circuitBreakers());
        assertEquals(1000, bravo.maxOpenOrders());
        assertEquals(UNLIMITED, bravo.maxNetExposure());
        assertArrayEquals(arr(50_0000, UNLIMITED, UNLIMITED, UNLIMITED), bravo.maxLong());
        assertArrayEquals(arr(80_0000, UNLIMITED, UNLIMITED, UNLIMITED), alpha.maxLong());
        assertArrayEquals(bravo.maxShort(), alpha.maxShort());
        assertArrayEquals(bravo.maxOrderQuantity(), alpha.maxOrderQuantity());
        assertEquals(50_000 * USDC, alpha.dailyLossLimit());
    }

    // ---------------------------------------------------------------- errors

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            defaultLimits:     | maxOpenOrders: 1000                | maxOpenOrders: 0                    | risk.defaultLimits.maxOpenOrders: must be a whole number >= 1, or unlimited (got "0")
            defaultLimits:     | maxOpenOrders: 1000                | maxOpenOrders: -10                  | risk.defaultLimits.maxOpenOrders: must be a whole number >= 1, or unlimited (got "-10")
            defaultLimits:     | maxOpenOrdersPerInstrument: 200    | maxOpenOrdersPerInstrument: 12.5    | risk.defaultLimits.maxOpenOrdersPerInstrument: must be a whole number >= 1, or unlimited (got "12.5")
            defaultLimits:     | maxOpenOrdersPerInstrument: 200    | maxOpenOrdersPerInstrument: none    | risk.defaultLimits.maxOpenOrdersPerInstrument: must be a whole number >= 1, or unlimited (got "none")
            defaultLimits:     | maxOrderNotionalUsdc: "1000000"    | maxOrderNotionalUsdc: "-5"          | risk.defaultLimits.maxOrderNotionalUsdc: must be a positive decimal number of USDC with at most 8 decimals, or unlimited (got "-5")
            defaultLimits:     | maxGrossExposureUsdc: "20000000"   | maxGrossExposureUsdc: "0"           | risk.defaultLimits.maxGrossExposureUsdc: must be a positive decimal number of USDC
            defaultLimits:     | maxNetExposureUsdc: "10000000"     | maxNetExposureUsdc: "0.000000001"   | risk.defaultLimits.maxNetExposureUsdc: must be a positive decimal number of USDC with at most 8 decimals, or unlimited (got "0.000000001")
            defaultLimits:     | dailyLossLimitUsdc: "50000"        | dailyLossLimitUsdc: "lots"          | risk.defaultLimits.dailyLossLimitUsdc: must be a positive decimal number of USDC
            defaultLimits:     | dailyLossLimitUsdc: "50000"        | dailyLossLimitUsdc: "100000000000000" | risk.defaultLimits.dailyLossLimitUsdc: is too large; write unlimited for no limit (got "100000000000000")
            defaultLimits:     | maxOpenOrders: 1000                | maxOpenOrder: 1000                  | risk.defaultLimits.maxOpenOrder: unknown field
            defaultLimits:     | BTC-USDC:                          | DOGE-USDC:                          | risk.defaultLimits.instruments.DOGE-USDC: is not one of the instruments (BTC-USDC, ETH-USDC, HIDX-USDC, HYPE-USDC)
            defaultLimits:     | maxLong: "50"                      | maxLong: "50.00005"                 | risk.defaultLimits.instruments.BTC-USDC.maxLong: has 5 decimals; BTC-USDC quantities have at most 4 (lotSize 0.0001) (got "50.00005")
            defaultLimits:     | maxShort: "50"                     | maxShort: "-1"                      | risk.defaultLimits.instruments.BTC-USDC.maxShort: must be a positive decimal quantity of BTC-USDC's base asset, or unlimited (got "-1")
            defaultLimits:     | maxOrderQuantity: "10"             | maxOrderQuantity: "0"               | risk.defaultLimits.instruments.BTC-USDC.maxOrderQuantity: must be a positive decimal quantity
            defaultLimits:     | maxOrderQuantity: "30000"          | maxOrderQuantity: "30000.001"       | risk.defaultLimits.instruments.HYPE-USDC.maxOrderQuantity: has 3 decimals; HYPE-USDC quantities have at most 2 (lotSize 0.01)
            defaultLimits:     | maxLong: "50"                      | maxLongPosition: "50"               | risk.defaultLimits.instruments.BTC-USDC.maxLongPosition: unknown field
            defaultLimits:     | instruments:                       | instruments: []\\n    oldInstruments: | risk.defaultLimits.instruments: must be a mapping of fields
            id: venue-mm       | maxOpenOrders: 4000                | maxOpenOrders: -3                   | accounts[3].limits.maxOpenOrders: must be a whole number >= 1, or unlimited (got "-3")
            id: venue-mm       | dailyLossLimitUsdc: "250000"       | dailyLossLimitUsdc: "0"             | accounts[3].limits.dailyLossLimitUsdc: must be a positive decimal number of USDC
            id: venue-mm       | maxLong: "2800"                    | maxLong: "2800.0001"                | accounts[3].limits.instruments.ETH-USDC.maxLong: has 4 decimals; ETH-USDC quantities have at most 3 (lotSize 0.001) (got "2800.0001")
            id: venue-mm       | HYPE-USDC:                         | XRP-USDC:                           | accounts[3].limits.instruments.XRP-USDC: is not one of the instruments
            id: mm-alpha       | limits: {}                         | limits: {maxOpenOrders: 1.5}        | accounts[0].limits.maxOpenOrders: must be a whole number >= 1, or unlimited (got "1.5")
            id: mm-alpha       | limits: {}                         | limits:                             | accounts[0].limits: is empty; leave the section out to use its defaults, or give its fields
            id: mm-bravo       | limits: {}                         | limits: {instruments: {BTC-USDC: }} | accounts[1].limits.instruments.BTC-USDC: is empty; give maxOrderQuantity, maxLong and/or maxShort, or leave the instrument out
            id: mm-bravo       | limits: {}                         | limits: {instruments: }             | accounts[1].limits.instruments: is empty; write {} or leave it out for no per-instrument limits
            circuitBreakers:   | action: alert                      | action: stop                        | risk.circuitBreakers[0].action: must be alert (notify only) or halt (cancel the instrument's orders and refuse new ones for the cooldown) (got "stop")
            circuitBreakers:   | action: halt                       | action: ""                          | risk.circuitBreakers[1].action: must be alert (notify only) or halt
            circuitBreakers:   | window: 1m                         | window: 60                          | risk.circuitBreakers[0].window: must be a duration from 1ms to 24h: a whole number and a unit, ms, s, m or h ("500ms", "90s", "5m", "1h") (got "60")
            circuitBreakers:   | window: 1m                         | window: 0s                          | risk.circuitBreakers[0].window: must be a duration from 1ms to 24h
            circuitBreakers:   | window: 5m                         | window: 25h                         | risk.circuitBreakers[1].window: must be a duration from 1ms to 24h
            circuitBreakers:   | window: 1m                         | window: 1.5m                        | risk.circuitBreakers[0].window: must be a duration
            circuitBreakers:   | cooldown: 5m                       | cooldown: 5 minutes                 | risk.circuitBreakers[0].cooldown: must be a duration from 0s to 24h: a whole number and a unit, ms, s, m or h ("500ms", "90s", "5m", "1h") (got "5 minutes")
            circuitBreakers:   | cooldown: 15m                      | cooldown: 0s                        | risk.circuitBreakers[1].cooldown: must be above 0 for a halt: the halt lasts for the cooldown (got "0s")
            circuitBreakers:   | movePercent: "1"                   | movePercent: "0"                    | risk.circuitBreakers[0].movePercent: must be a percentage above 0 and at most 100, with at most 2 decimals (got "0")
            circuitBreakers:   | movePercent: "3"                   | movePercent: "100.5"                | risk.circuitBreakers[1].movePercent: must be a percentage above 0 and at most 100
            circuitBreakers:   | movePercent: "3"                   | movePercent: "-3"                   | risk.circuitBreakers[1].movePercent: must be a percentage above 0 and at most 100
            circuitBreakers:   | movePercent: "1"                   | movePercent: "0.001"                | risk.circuitBreakers[0].movePercent: must be a percentage above 0 and at most 100, with at most 2 decimals
            circuitBreakers:   | action: alert                      | actions: alert                      | risk.circuitBreakers[0].actions: unknown field
            circuitBreakers:   | movePercent: "3"                   | movePercent: "1"\\n      window: 1m\\n      action: alert\\n      cooldown: 5m\\n    - movePercent: "3" | risk.circuitBreakers[1]: repeats risk.circuitBreakers[0]
            risk:              | circuitBreakers:                   | circuitBreakers: ~\\n  oldBreakers:  | risk.circuitBreakers: is empty; write [] for no circuit breakers, or leave it out for the venue's table
            risk:              | circuitBreakers:                   | circuitBreakers: {movePercent: "1"}\\n  oldBreakers: | risk.circuitBreakers: must be a list
            risk:              | alertWebhook: null                 | alertWebhook: ftp://ops.example/x   | risk.alertWebhook: must be an http or https URL (got "ftp://ops.example/x")
            risk:              | alertWebhook: null                 | alertWebhook: "not a url"           | risk.alertWebhook: must be an http or https URL
            """)
    void eachBadRiskFieldNamesItselfAndSaysWhy(String anchor, String from, String to, String expected) {
        List<String> problems = problems(edit(anchor, from.strip(), to.strip().replace("\\n", "\n")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected.strip())),
                "expected a problem starting with <" + expected.strip() + "> but got " + problems);
    }

    @Test
    void quantityOffTheLotIsNamed() {
        List<String> problems = problems(yaml("""
                risk:
                  defaultLimits:
                    instruments:
                      HIDX-USDC: { maxOrderQuantity: "100.3", maxLong: "1e3" }
                """, "", ""));
        assertEquals(List.of("risk.defaultLimits.instruments.HIDX-USDC.maxOrderQuantity: must be a multiple of HIDX-USDC's"
                + " lotSize 0.5 (got \"100.3\")"), problems);
    }

    @Test
    void everyRiskProblemIsReportedOnceInOnePass() {
        List<String> problems = problems(yaml("""
                risk:
                  circuitBreakers:
                    - { movePercent: "1", window: 1m, action: pause, cooldown: 5m }
                  defaultLimits:
                    maxOpenOrders: 0
                    instruments:
                      BTC-USDC: { maxLong: "0.00001" }
                """, """
                    limits: { maxOrderNotionalUsdc: "-1" }
                """, ""));
        assertEquals(List.of(
                "risk.circuitBreakers[0].action: must be alert (notify only) or halt (cancel the instrument's orders and"
                        + " refuse new ones for the cooldown) (got \"pause\")",
                "risk.defaultLimits.maxOpenOrders: must be a whole number >= 1, or unlimited (got \"0\")",
                "risk.defaultLimits.instruments.BTC-USDC.maxLong: has 5 decimals; BTC-USDC quantities have at most 4"
                        + " (lotSize 0.0001) (got \"0.00001\")",
                "accounts[0].limits.maxOrderNotionalUsdc: must be a positive decimal number of USDC with at most 8"
                        + " decimals, or unlimited (got \"-1\")"), problems);
    }

    @Test
    void limitsOfABrokenInstrumentAreNotReportedTwice() {
        String yaml = ConfigLoader.defaultConfigText().replace("referencePrice: \"1.25\"", "referencePrice: \"1.25001\"");
        assertEquals(List.of("instruments[3].referencePrice: must be a multiple of tickSize 0.0001 (got \"1.25001\")"),
                problems(yaml));
    }

    // ---------------------------------------------------------------- the engine enforces what the file says

    private static final String ENGINE_RISK = """
            risk:
              circuitBreakers:
                - { movePercent: "2", window: 1m, action: halt, cooldown: 10m }
              defaultLimits:
                maxOpenOrders: 10
                instruments:
                  BTC-USDC: { maxOrderQuantity: "0.5" }
            """;

    private static CommandResult place(Engine engine, int account, int instrument, String id, Side side, long price, long qty)
            throws Exception {
        return engine.submit(new Command.PlaceOrder(account, instrument, id, side, OrderType.LIMIT, TimeInForce.GTC, price,
                qty, 0, null)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theEngineRefusesAnOrderOverTheConfiguredLimit(@TempDir Path dir) throws Exception {
        GatewayConfig config = parse(yaml(ENGINE_RISK, """
                    limits:
                      instruments:
                        BTC-USDC: { maxOrderQuantity: "2" }
                """, ""));
        config = config.withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        try (Engine engine = Engine.start(config.engineConfig())) {
            // bravo (account 1) has the default 0.5 BTC per order: 0.5001 is refused, 0.5 accepted
            assertEquals(ReasonCode.ORDER_QUANTITY_LIMIT, place(engine, 1, 0, "b1", Side.BUY, 1000, 5_001).rejection());
            assertNull(place(engine, 1, 0, "b2", Side.BUY, 1000, 5_000).rejection());
            // alpha (account 0) overrides it with 2 BTC
            assertNull(place(engine, 0, 0, "a1", Side.BUY, 1000, 20_000).rejection());
            assertEquals(ReasonCode.ORDER_QUANTITY_LIMIT, place(engine, 0, 0, "a2", Side.BUY, 1000, 20_001).rejection());
            // no limit on HIDX
            assertNull(place(engine, 1, 1, "h1", Side.BUY, 12_500, 2_000_000).rejection());

            // the configured circuit breaker: trades at 100.0 then 102.1 (> 2% in a minute) halt BTC-USDC
            assertNull(place(engine, 2, 0, "c1", Side.SELL, 1000, 5_000).rejection());
            assertNull(place(engine, 2, 0, "c2", Side.BUY, 1021, 100).rejection());
            assertNull(place(engine, 0, 0, "a3", Side.SELL, 1021, 100).rejection());
            assertEquals(ReasonCode.CIRCUIT_BREAKER, place(engine, 2, 0, "c3", Side.BUY, 1000, 100).rejection());
        }
    }

    @Test
    void theFileWinsAtEveryStartAndRemovedLimitsAreLifted(@TempDir Path dir) throws Exception {
        GatewayConfig limited = parse(yaml(ENGINE_RISK, "", "")).withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        try (Engine engine = Engine.start(limited.engineConfig())) {
            assertEquals(limited.risk().limits().get("alpha"), engine.query(m -> m.risk().limits(0)).get(10, TimeUnit.SECONDS));
            assertEquals(ReasonCode.ORDER_QUANTITY_LIMIT, place(engine, 0, 0, "a1", Side.BUY, 1000, 5_001).rejection());
        }
        GatewayConfig unlimited = parse(yaml("", "", "")).withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        try (Engine engine = Engine.start(unlimited.engineConfig())) {
            assertEquals(RiskLimits.unlimited(2), engine.query(m -> m.risk().limits(0)).get(10, TimeUnit.SECONDS));
            assertNull(place(engine, 0, 0, "a2", Side.BUY, 1000, 5_001).rejection());
        }
        Map<String, RiskLimits> none = unlimited.engineConfig().riskLimits();
        assertEquals(3, none.size());
    }
}
