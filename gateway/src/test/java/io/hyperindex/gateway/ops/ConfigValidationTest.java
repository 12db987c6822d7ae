package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.InvalidConfigException;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a configuration can be wrong is reported against the field that is wrong. Each
 * case edits the generated default config in one place and expects the problem to name that
 * field and say why.
 */
class ConfigValidationTest {
    private static final String DEFAULTS = ConfigLoader.defaultConfigText();

    /**
     * The default config with the first occurrence of {@code from} after {@code anchor} replaced
     * by {@code to}; the anchor and the replaced text are looked for outside comments.
     */
    static String edit(String anchor, String from, String to) {
        int at = outsideComments(anchor, 0);
        assertTrue(at >= 0, "anchor not in the default config: " + anchor);
        int i = outsideComments(from, at);
        assertTrue(i >= 0, "text not in the default config after the anchor: " + from);
        return DEFAULTS.substring(0, i) + to + DEFAULTS.substring(i + from.length());
    }

    private static int outsideComments(String text, int from) {
        for (int i = DEFAULTS.indexOf(text, from); i >= 0; i = DEFAULTS.indexOf(text, i + 1)) {
            int lineStart = DEFAULTS.lastIndexOf('\n', i) + 1;
            if (!DEFAULTS.substring(lineStart, i).contains("#")) {
                return i;
            }
        }
        return -1;
    }

    static List<String> problems(String yaml) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.parse(yaml));
        return e.problems();
    }

    @Test
    void negativeTickSizeIsReportedWithItsFieldAndValue() {
        String yaml = edit("symbol: ETH-USDC", "tickSize: \"0.01\"", "tickSize: \"-0.1\"");
        assertEquals(List.of("instruments[1].tickSize: must be a positive decimal (got \"-0.1\")"), problems(yaml));
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            server:                | httpPort: 8080                  | httpPort: 70000                     | server.httpPort: must be a port number from 0 (any free port) to 65535 (got 70000)
            server:                | grpcPort: 50051                 | grpcPort: -1                        | server.grpcPort: must be a port number
            server:                | fixPort: 9876                   | fixPort: 8080                       | server.fixPort: must differ from server.httpPort
            server:                | grpcPort: 50051                 | grpcPort: 8080                      | server.grpcPort: must differ from server.httpPort
            server:                | httpPort: 8080                  | httpPort: eighty                    | server.httpPort: must be a whole number (got "eighty")
            server:                | httpPort: 8080                  | httpPort: 80.5                      | server.httpPort: must be a whole number
            server:                | bindAddress: 127.0.0.1          | bindAddress: "not an address!"      | server.bindAddress: must be an IP address or a host name
            server:                | dataDir: ./data                 | dataDir: ""                         | server.dataDir: must be a directory path
            server:                | dataDir: ./data                 | dataDirectory: ./data               | server.dataDirectory: unknown field
            journal:               | fsync: every-batch              | fsync: always                       | journal.fsync: must be every-batch or none (got "always")
            journal:               | snapshotEveryCommands: 1000000  | snapshotEveryCommands: -1           | journal.snapshotEveryCommands: must be a whole number >= 0
            journal:               | segmentBytes: 268435456         | segmentBytes: 1000                  | journal.segmentBytes: must be a byte count from 1048576
            engine:                | ringSize: 65536                 | ringSize: 1000                      | engine.ringSize: must be a power of two from 64 to 16777216 (got 1000)
            engine:                | ringSize: 65536                 | ringSize: 32                        | engine.ringSize: must be a power of two
            name: base             | makerRateBps: "-1.0"            | makerRateBps: "-1.001"              | fees.tiers[0].makerRateBps: must be a decimal number of basis points from -100 to 100 with at most 2 decimals (negative = rebate) (got "-1.001")
            name: tier1            | takerRateBps: "3.0"             | takerRateBps: "three"               | fees.tiers[1].takerRateBps: must be a decimal number of basis points
            name: tier3            | takerRateBps: "3.0"             | takerRateBps: "250"                 | fees.tiers[3].takerRateBps: must be a decimal number of basis points
            name: base             | minVolumeUsdc: "0"              | minVolumeUsdc: "10"                 | fees.tiers[0].minVolumeUsdc: the first tier must start at 0 (got "10")
            name: tier2            | minVolumeUsdc: "5000000"        | minVolumeUsdc: "1000000"            | fees.tiers[2].minVolumeUsdc: must be greater than fees.tiers[1].minVolumeUsdc
            name: tier2            | minVolumeUsdc: "5000000"        | minVolumeUsdc: "-5"                 | fees.tiers[2].minVolumeUsdc: must be a decimal number of USDC >= 0
            name: tier2            | name: tier2                     | name: tier1                         | fees.tiers[2].name: names a tier twice (got "tier1")
            name: tier2            | name: tier2                     | name: "tier 2"                      | fees.tiers[2].name: must be 1 to 32 letters
            fees:                  | tiers:                          | tiers: []\\n  oldTiers:              | fees.tiers: must list at least one tier
            fees:                  | volumeWindowDays: 30            | volumeWindowDays: 0                 | fees.volumeWindowDays: must be a whole number of days from 1 to 366 (got 0)
            fees:                  | recomputeAtUtc: "00:00"         | recomputeAtUtc: "25:00"             | fees.recomputeAtUtc: must be a UTC time of day, HH:MM or HH:MM:SS (got "25:00")
            fees:                  | instrumentTiers: []             | instrumentTiers: [{symbol: DOGE-USDC, tiers: []}] | fees.instrumentTiers[0].symbol: must be the symbol of one of the instruments (got "DOGE-USDC")
            fees:                  | instrumentTiers: []             | instrumentTiers: [{symbol: HIDX-USDC, tiers: [{name: base, makerRateBps: "-2", takerRateBps: "3"}]}] | fees.instrumentTiers[0].tiers: must give rates for each of the 4 tiers
            fees:                  | instrumentTiers: []             | instrumentTiers: [{symbol: HIDX-USDC, tiers: [{name: base, makerRateBps: "-2", takerRateBps: "3"}, {name: tier2, makerRateBps: "-2", takerRateBps: "3"}, {name: tier2, makerRateBps: "-2", takerRateBps: "3"}, {name: tier3, makerRateBps: "-2", takerRateBps: "3"}]}] | fees.instrumentTiers[0].tiers[1].name: must be tier1 (the tiers of fees.tiers, in the same order) (got "tier2")
            fees:                  | negotiated: []                  | negotiated: [{account: mm-zulu, from: "2026-12-01", until: "2027-01-01", fixedTier: tier2}] | fees.negotiated[0].account: must be the id of one of the accounts (got "mm-zulu")
            fees:                  | negotiated: []                  | negotiated: [{account: mm-alpha, from: "2026-12-01", until: "2026-11-01", fixedTier: tier2}] | fees.negotiated[0].until: must be after from (2026-12-01) (got "2026-11-01")
            fees:                  | negotiated: []                  | negotiated: [{account: mm-alpha, from: "first of december", until: "2027-01-01", fixedTier: tier2}] | fees.negotiated[0].from: must be a UTC date (2026-11-01) or instant
            fees:                  | negotiated: []                  | negotiated: [{account: mm-alpha, from: "2026-12-01", until: "2027-01-01", fixedTier: gold}] | fees.negotiated[0].fixedTier: must name one of fees.tiers (got "gold")
            fees:                  | negotiated: []                  | negotiated: [{account: mm-alpha, from: "2026-12-01", until: "2027-01-01", fixedTier: tier2, makerRateBps: "-4"}] | fees.negotiated[0].fixedTier: give either fixedTier or makerRateBps and takerRateBps, not both
            fees:                  | negotiated: []                  | negotiated: [{account: mm-alpha, from: "2026-12-01", until: "2027-01-01", makerRateBps: "-4"}] | fees.negotiated[0]: needs fixedTier, or both makerRateBps and takerRateBps
            fees:                  | tokensPerMillionUsdc: 1000      | tokensPerMillionUsdc: -1            | fees.incentives.tokensPerMillionUsdc: must be a whole number of tokens
            fees:                  | cliffMonths: 6                  | cliffMonths: 600                    | fees.incentives.cliffMonths: must be a whole number of months from 0 to 120 (got 600)
            fees:                  | vestingMonths: 18               | vestingMonths: 1.5                  | fees.incentives.vestingMonths: must be a whole number
            fees:                  | ineligibleAccounts: [venue-mm]  | ineligibleAccounts: [venue-mm, mm-x] | fees.incentives.ineligibleAccounts[1]: must be the id of one of the accounts (got "mm-x")
            symbol: BTC-USDC       | lotSize: "0.0001"               | lotSize: "0"                        | instruments[0].lotSize: must be a positive decimal (got "0")
            symbol: HIDX-USDC      | lotSize: "0.1"                  | lotSize: "0.00001"                  | instruments[3].lotSize: has 5 decimals and tickSize 4: together at most 8
            symbol: BTC-USDC       | tickSize: "0.1"                 | tickSize: "0.000000001"             | instruments[0].tickSize: has 9 decimals; at most 8
            symbol: BTC-USDC       | referencePrice: "95000"         | referencePrice: "95000.05"          | instruments[0].referencePrice: must be a multiple of tickSize 0.1 (got "95000.05")
            symbol: HYPE-USDC      | referencePrice: "30"            | referencePrice: "thirty"            | instruments[2].referencePrice: must be a positive decimal (got "thirty")
            symbol: ETH-USDC       | symbol: ETH-USDC                | symbol: BTC-USDC                    | instruments[1].symbol: repeats instruments[0].symbol (got "BTC-USDC")
            symbol: ETH-USDC       | symbol: ETH-USDC                | symbol: eth-usd                     | instruments[1].symbol: must look like BASE-USDC
            symbol: ETH-USDC       | minNotional: "10"               | minNotional: "-10"                  | instruments[1].minNotional: must be a decimal number of USDC >= 0
            symbol: ETH-USDC       | minNotional: "10"               | minNotional: "0.000000001"          | instruments[1].minNotional: must be a decimal number of USDC >= 0 with at most 8 decimals
            symbol: ETH-USDC       | minNotional: "10"               | minNotional: "8000000"              | instruments[1].minNotional: exceeds maxOrderQty x referencePrice (7000000)
            symbol: ETH-USDC       | minNotional: "10"               | minNotional: "1000000000000"        | instruments[1].minNotional: is too large (got "1000000000000")
            symbol: ETH-USDC       | maxOrderQty: "2000"             | maxOrderQty: "2000.0005"            | instruments[1].maxOrderQty: must be a multiple of lotSize 0.001 (got "2000.0005")
            symbol: BTC-USDC       | maxOrderQty: "100"              | maxOrderQty: "100000000000"         | instruments[0].maxOrderQty: times referencePrice 95000 is too large for exact notional arithmetic
            symbol: HYPE-USDC      | priceBandPercent: "10"          | priceBandPercent: "0"               | instruments[2].priceBandPercent: must be a percentage above 0 and at most 100
            symbol: HYPE-USDC      | priceBandPercent: "10"          | priceBandPercent: "150"             | instruments[2].priceBandPercent: must be a percentage
            symbol: HYPE-USDC      | priceBandPercent: "10"          | priceBandPercent: "10.005"          | instruments[2].priceBandPercent: must be a percentage above 0 and at most 100, with at most 2 decimals
            symbol: HIDX-USDC      | marketProtectionPercent: "2"    | marketProtectionPercent: "abc"      | instruments[3].marketProtectionPercent: must be a percentage
            symbol: BTC-USDC       | tickSize: "0.1"                 | tickSiz: "0.1"                      | instruments[0].tickSiz: unknown field
            symbol: BTC-USDC       | tickSize: "0.1"                 | tickSize: [1, 2]                    | instruments[0].tickSize: must be a single value
            id: mm-bravo           | id: mm-bravo                    | id: MM-ALPHA                        | accounts[1].id: repeats accounts[0].id (ids are compared ignoring case)
            id: mm-bravo           | id: mm-bravo                    | id: "mm bravo"                      | accounts[1].id: must be 1 to 64 letters, digits
            id: mm-bravo           | displayName: Bravo Liquidity (demo partner) | displayName: "  "       | accounts[1].displayName: must be 1 to 100 characters
            id: mm-charlie         | senderCompId: MM-CHARLIE        | senderCompId: MM-ALPHA              | accounts[2].fixSessions[0]: repeats the session of accounts[0].fixSessions[0]
            id: mm-charlie         | senderCompId: MM-CHARLIE        | senderCompId: "MM CHARLIE"          | accounts[2].fixSessions[0].senderCompId: must be 1 to 64 letters
            id: venue-mm           | apiKeys: []                     | apiKeys: [{ed25519PublicKeyHex: abcd}] | accounts[3].apiKeys[0].ed25519PublicKeyHex: must be the 32-byte Ed25519 public key as 64 hex digits (got "abcd")
            id: venue-mm           | apiKeys: []                     | apiKeys: [{keyId: hik_0000000000000000, ed25519PublicKeyHex: 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c}] | accounts[3].apiKeys[0].keyId: does not match ed25519PublicKeyHex
            id: venue-mm           | hlAgentAddresses: []            | hlAgentAddresses: ["0x1234"]        | accounts[3].hlAgentAddresses[0]: must be an address: 0x followed by 40 hex digits (got "0x1234")
            id: venue-mm           | hlAgentAddresses: []            | hlAgentAddresses: "0x1234"          | accounts[3].hlAgentAddresses: must be a list
            id: mm-charlie         | hlSubAccount: null              | hlSubAccount: {address: "0x1234", master: mm-alpha} | accounts[2].hlSubAccount.address: must be an address: 0x followed by 40 hex digits
            id: mm-charlie         | hlSubAccount: null              | hlSubAccount: {address: "0x00000000000000000000000000000000000c4a11", master: nobody} | accounts[2].hlSubAccount.master: must be the id of another account
            id: mm-charlie         | hlSubAccount: null              | hlSubAccount: {address: "0x00000000000000000000000000000000000c4a11", master: mm-charlie} | accounts[2].hlSubAccount.master: must be the id of another account
            """)
    void eachBadFieldNamesItselfAndSaysWhy(String anchor, String from, String to, String expected) {
        List<String> problems = problems(edit(anchor, from.strip(), to.strip().replace("\\n", "\n")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected.strip())),
                "expected a problem starting with <" + expected.strip() + "> but got " + problems);
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        String yaml = edit("server:", "httpPort: 8080", "httpPort: -5\n  colour: blue");
        yaml = yaml.replace("fsync: every-batch", "fsync: sometimes").replace("referencePrice: \"1.25\"", "referencePrice: \"1.25001\"");
        List<String> problems = problems(yaml);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("server.colour: unknown field (known fields: bindAddress, dataDir"), problems.get(0));
    }

    @Test
    void instrumentsAndAccountsMustBeListed() {
        List<String> problems = problems("server:\n  httpPort: 8081\n");
        assertEquals(List.of("instruments: must list at least one instrument", "accounts: must list at least one account"),
                problems);
    }

    @Test
    void emptyFileAndBrokenYamlAreExplained() {
        assertTrue(problems("").get(0).startsWith("the config is empty"));
        assertTrue(problems("# only a comment\n").get(0).startsWith("the config is empty"));
        String broken = problems("server: {httpPort: 1\n").get(0);
        assertTrue(broken.contains("not valid YAML"), broken);
        String dup = problems("server:\n  httpPort: 1\n  httpPort: 2\n").get(0);
        assertTrue(dup.startsWith("server.httpPort: appears twice"), dup);
        assertTrue(problems("- 1\n- 2\n").get(0).startsWith("(top level): must be a mapping"));
    }

    @Test
    void emptySectionIsAnErrorNotASilentDefault() {
        String yaml = DEFAULTS.replace("  ringSize: 65536\n", "");
        assertTrue(problems(yaml).contains("engine: is empty; leave the section out to use its defaults, or give its fields"),
                problems(yaml).toString());
    }

    @Test
    void leftOutSectionsTakeTheDefaults() throws Exception {
        String minimal = DEFAULTS.substring(DEFAULTS.indexOf("instruments:\n  - symbol"));
        GatewayConfig parsed = ConfigLoader.parse(minimal);
        GatewayConfig sandbox = SandboxDefaults.config();
        assertEquals(sandbox.server(), parsed.server());
        assertEquals(sandbox.journal(), parsed.journal());
        assertEquals(sandbox.engine(), parsed.engine());
        assertEquals(sandbox.fees().tiers(), parsed.fees().tiers());
        assertEquals(java.util.Set.of(), parsed.fees().incentiveIneligible(), "no account is singled out unless listed");
    }

    @Test
    void negotiatedTermsAndInstrumentTablesBecomeThePolicy() throws Exception {
        String yaml = edit("fees:", "negotiated: []", "negotiated: [{account: mm-alpha, from: \"2026-12-01\","
                + " until: \"2027-03-01T12:00:00Z\", fixedTier: tier2}, {account: mm-bravo, from: \"2026-12-01\","
                + " until: \"2027-01-01\", makerRateBps: \"-4.0\", takerRateBps: \"2.5\"}]")
                .replace("instrumentTiers: []", "instrumentTiers: [{symbol: HIDX-USDC, tiers: ["
                        + "{name: base, makerRateBps: \"-2\", takerRateBps: \"3\"}, {name: tier1, makerRateBps: \"-3\", takerRateBps: \"3\"},"
                        + "{name: tier2, makerRateBps: \"-4\", takerRateBps: \"3\"}, {name: tier3, makerRateBps: \"-6\", takerRateBps: \"3\"}]}]")
                .replace("recomputeAtUtc: \"00:00\"", "recomputeAtUtc: \"08:30\"");
        GatewayConfig c = ConfigLoader.parse(yaml);
        var terms = c.fees().negotiated();
        assertEquals("tier2", terms.get(0).fixedTier());
        assertEquals(java.time.Instant.parse("2026-12-01T00:00:00Z").getEpochSecond() * 1_000_000_000L, terms.get(0).fromNanos());
        assertEquals(java.time.Instant.parse("2027-03-01T12:00:00Z").getEpochSecond() * 1_000_000_000L, terms.get(0).untilNanos());
        assertEquals(-400L, terms.get(1).makerRate());
        assertEquals(250L, terms.get(1).takerRate());
        assertEquals(-600, c.fees().instrumentTiers().get("HIDX-USDC").get(3).makerRate());
        assertEquals(c.fees().tiers().get(3).minVolume(), c.fees().instrumentTiers().get("HIDX-USDC").get(3).minVolume());
        assertEquals((8 * 60 + 30) * 60_000_000_000L, c.fees().recomputeAtNanosOfDay());
        assertEquals(4, c.fees().policy().tiers().size());
    }

    @Test
    void decimalsMayBeWrittenUnquotedOrWithTrailingZeros() throws Exception {
        String yaml = DEFAULTS.replace("tickSize: \"0.1\"", "tickSize: 0.10").replace("lotSize: \"0.0001\"", "lotSize: 0.0001")
                .replace("makerRateBps: \"-1.0\"", "makerRateBps: -1").replace("referencePrice: \"95000\"", "referencePrice: 95000.0");
        assertNotEquals(DEFAULTS, yaml);
        assertEquals(SandboxDefaults.config(), ConfigLoader.parse(yaml));
    }

    @Test
    void decimalsBecomeEngineUnits() throws Exception {
        GatewayConfig c = SandboxDefaults.config();
        var btc = c.instruments().get(0);
        assertEquals(0, btc.id());
        assertEquals(1, btc.priceDecimals());
        assertEquals(4, btc.qtyDecimals());
        assertEquals(1, btc.tick());
        assertEquals(1, btc.lot());
        assertEquals(950_000, btc.referencePrice());
        assertEquals(1_000_000, btc.maxOrderQty());
        assertEquals(10 * 100_000_000L, btc.minNotional());
        assertEquals(1_000, btc.priceBandBps());
        assertEquals(200, btc.marketProtectionBps());
        var hidx = c.instruments().get(3);
        assertEquals(3, hidx.id());
        assertEquals(12_500, hidx.referencePrice());
        var base = c.fees().tiers().get(0);
        assertEquals("base", base.name());
        assertEquals(-100, base.makerRate());
        assertEquals(300, base.takerRate());
        var tier3 = c.fees().tiers().get(3);
        assertEquals(10_000_000L * 100_000_000L, tier3.minVolume());
        assertEquals(-500, tier3.makerRate());
        assertEquals(30, c.fees().windowDays());
        assertEquals(java.util.Set.of("venue-mm"), c.fees().incentiveIneligible());
        assertEquals(List.of("mm-alpha", "mm-bravo", "mm-charlie", "venue-mm"), c.accountIds());
    }

    @Test
    void apiKeyIdIsDerivedWhenLeftOut() throws Exception {
        String pub = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
        GatewayConfig c = ConfigLoader.parse(edit("id: venue-mm", "apiKeys: []", "apiKeys: [{ed25519PublicKeyHex: " + pub + "}]"));
        var key = c.accounts().get(3).apiKeys().get(0);
        assertTrue(key.keyId().matches("hik_[0-9a-f]{16}"), key.keyId());
        assertEquals(pub, key.ed25519PublicKeyHex());
    }

    private static final String PUB = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

    @Test
    void operatorKeysGetTheAdminScopeAndAccountKeysTheScopesGiven() throws Exception {
        String yaml = edit("fixPort: 9876", "operatorKeys: []", "operatorKeys: [{ed25519PublicKeyHex: " + PUB + "}]");
        yaml = yaml.replace("id: venue-mm", "id: venue-mm").replaceFirst("(id: venue-mm[\\s\\S]*?)apiKeys: \\[\\]",
                "$1apiKeys: [{ed25519PublicKeyHex: " + PUB.replace('3', '4') + ", scopes: [read]}]");
        GatewayConfig c = ConfigLoader.parse(yaml);
        assertEquals(1, c.server().operatorKeys().size());
        assertEquals(java.util.Set.of(Scope.ADMIN), c.server().operatorKeys().get(0).scopes());
        assertEquals(java.util.Set.of(Scope.READ), c.accounts().get(3).apiKeys().get(0).scopes());
        // left out: read and trade
        GatewayConfig d = ConfigLoader.parse(edit("id: venue-mm", "apiKeys: []", "apiKeys: [{ed25519PublicKeyHex: " + PUB + "}]"));
        assertEquals(java.util.Set.of(Scope.READ, Scope.TRADE), d.accounts().get(3).apiKeys().get(0).scopes());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            scopes: [admin]  | accounts[3].apiKeys[0].scopes: lists read and/or trade (admin keys go under server.operatorKeys) (got "admin")
            scopes: [write]  | accounts[3].apiKeys[0].scopes: lists read and/or trade (got "write")
            scopes: []       | accounts[3].apiKeys[0].scopes: lists read and/or trade, or is left out for both (got [])
            """)
    void accountKeyScopesAreReadOrTrade(String scopes, String expected) {
        String yaml = edit("id: venue-mm", "apiKeys: []", "apiKeys: [{ed25519PublicKeyHex: " + PUB + ", " + scopes + "}]");
        assertEquals(List.of(expected), problems(yaml));
    }

    @Test
    void anOperatorKeyIsNotAlsoAnAccountKeyAndNoAccountIsCalledOperator() {
        String yaml = edit("fixPort: 9876", "operatorKeys: []", "operatorKeys: [{ed25519PublicKeyHex: " + PUB + "}]");
        String both = yaml.replaceFirst("(id: venue-mm[\\s\\S]*?)apiKeys: \\[\\]", "$1apiKeys: [{ed25519PublicKeyHex: " + PUB + "}]");
        assertEquals(List.of("accounts[3].apiKeys[0].ed25519PublicKeyHex: repeats the key of server.operatorKeys[0] (got \""
                + PUB + "\")"), problems(both));
        String named = yaml.replace("id: venue-mm", "id: operator");
        assertTrue(problems(named).contains("accounts[3].id: is the name operator keys sign for (server.operatorKeys): choose another"
                + " (got \"operator\")"), problems(named).toString());
        String scoped = edit("fixPort: 9876", "operatorKeys: []", "operatorKeys: [{ed25519PublicKeyHex: " + PUB
                + ", scopes: [trade]}]");
        assertEquals(List.of("server.operatorKeys[0].scopes: an operator key has the admin scope only: leave scopes out (got [trade])"),
                problems(scoped));
    }
}
