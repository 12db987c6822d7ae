package io.hyperindex.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hl-sign} and {@code hl-recover} against the Python SDK's known answers. */
class HlSigningCliTest {
    static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    /** The address of {@link #KEY} (web3j). */
    static final String ADDRESS = "0x14791697260e4c9a71f18484c9f997b308e59325";

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void hlSignPrintsTheBodyWithThePythonSdksSignatureAndHlRecoverFindsTheSigner(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("agent.key"), KEY + "\n");
        CliRun signed = run("hl-sign", "--key-file", key.toString(), "--action",
                "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,"
                        + "\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}", "--nonce", "0");
        assertEquals(0, signed.code(), signed.err());
        JsonNode body = new ObjectMapper().readTree(signed.out());
        // hyperliquid-python-sdk signing_test: order_gtc, mainnet
        assertEquals("0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e", body.at("/signature/r").asText());
        assertEquals("0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e", body.at("/signature/s").asText());
        assertEquals(28, body.at("/signature/v").asInt());
        assertTrue(body.get("vaultAddress").isNull() && body.get("expiresAfter").isNull());

        Path request = Files.writeString(dir.resolve("request.json"), signed.out());
        CliRun recovered = run("hl-recover", "--request", request.toString());
        assertEquals(0, recovered.code(), recovered.err());
        assertEquals(ADDRESS, recovered.out().trim());
        CliRun asTestnet = run("hl-recover", "--request", request.toString(), "--testnet");
        assertEquals(0, asTestnet.code());
        assertTrue(!asTestnet.out().trim().equals(ADDRESS), "a mainnet signature does not recover to the signer on testnet");
    }

    @Test
    void hlSignTakesTheAgentKeyOfADemoAccountAndSignsForTestnetWithAVault(@TempDir Path dir) throws Exception {
        Path demo = Files.writeString(dir.resolve("demo-accounts.json"),
                "{\"accounts\":[{\"account\":\"mm-alpha\",\"hlAgentPrivateKey\":\"" + KEY + "\"}]}");
        CliRun signed = run("hl-sign", "--key-file", demo.toString(), "--account", "mm-alpha", "--action",
                "{\"type\":\"dummy\",\"num\":100000000000}", "--nonce", "0", "--vault",
                "0x1719884eb866cb12b2287399b15f7db5e7d775ea", "--testnet");
        assertEquals(0, signed.code(), signed.err());
        JsonNode body = new ObjectMapper().readTree(signed.out());
        // hyperliquid-python-sdk signing_test: dummy_action_with_vault, testnet
        assertEquals("0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b", body.at("/signature/r").asText());
        assertEquals(27, body.at("/signature/v").asInt());
        assertEquals("0x1719884eb866cb12b2287399b15f7db5e7d775ea", body.get("vaultAddress").asText());
        Path request = Files.writeString(dir.resolve("request.json"), signed.out());
        assertEquals(ADDRESS, run("hl-recover", "--request", request.toString(), "--testnet").out().trim());
    }

    @Test
    void badInputExitsOneWithAReason(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("agent.key"), "0x1234");
        CliRun badKey = run("hl-sign", "--key-file", key.toString(), "--action", "{\"type\":\"dummy\"}", "--nonce", "1");
        assertEquals(1, badKey.code());
        assertTrue(badKey.err().contains("0x followed by 64 hex digits"), badKey.err());

        Path good = Files.writeString(dir.resolve("good.key"), KEY);
        CliRun fractional = run("hl-sign", "--key-file", good.toString(), "--action", "{\"type\":\"x\",\"p\":1.5}", "--nonce", "1");
        assertEquals(1, fractional.code());
        assertTrue(fractional.err().contains("prices and sizes are strings"), fractional.err());

        Path request = Files.writeString(dir.resolve("r.json"), "{\"action\":{\"type\":\"x\"},\"nonce\":1,"
                + "\"signature\":{\"r\":\"0x1\",\"s\":\"0x1\",\"v\":29}}");
        CliRun badV = run("hl-recover", "--request", request.toString());
        assertEquals(1, badV.code());
        assertTrue(badV.err().contains("v must be 27 or 28"), badV.err());

        assertEquals(2, run("hl-sign", "--nonce", "1").code(), "missing required options");
    }
}
