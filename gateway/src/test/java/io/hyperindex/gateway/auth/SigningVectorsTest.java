package io.hyperindex.gateway.auth;

import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.Side;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers for the canonical strings and signatures that docs/api-signing.md shows, so an
 * SDK in any language can check itself against the same numbers. The key is RFC 8032's first
 * test key.
 */
class SigningVectorsTest {
    static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final long TS = 1767225600000L; // 2026-01-01T00:00:00Z
    static final Ed25519Key KEY = Ed25519Key.fromSeedHex(SEED);

    static final String GRPC_REQUEST_HEX = "0a084254432d55534443120664656d6f2d311801320739353030302e313a06302e30303035";
    static final String GRPC_CANONICAL = "1767225600000\nhyperindex.gateway.v1.Trading/PlaceOrder\n"
            + "3697278e059e6e4a99b61455cbb7835ed63c4a87443ab7dc54a38af5ae8dffd0";
    static final String GRPC_SIGNATURE = "070a2088b57e0d44f74a89767c3bed6207cce42e06f00803568b0cb36ec7f55c"
            + "9a439bde2a0f8a687a3cc866a9e4ac55f7037d3b1bc7c218ef459c328e261a00";
    static final String REST_BODY = "{\"symbol\":\"BTC-USDC\",\"side\":\"BUY\",\"price\":\"95000.1\",\"quantity\":\"0.0005\"}";
    static final String REST_CANONICAL = "1767225600000\nPOST\n/api/v1/orders?dryRun=false\n" + REST_BODY;
    static final String REST_SIGNATURE = "3c1eb02cf61a1505f525a080db537c11944e30abf76bf6a9eea698ce12ef3112"
            + "08166813ba6314b85bbcc74e0d7d217f79f648fd51c759d57ce6fe8e3ca7200d";
    static final String REST_GET_CANONICAL = "1767225600000\nGET\n/api/v1/orders?symbol=BTC-USDC\n";
    static final String REST_GET_SIGNATURE = "2d19d8d27636f6228c24d4c537a4eddd2062b53f48a78502a87dc03d8b6c059b"
            + "2429ff9ee8e632710d354d20b206a21dcc15526523360922374fe91e70310408";

    @Test
    void theKeyIsRfc8032TestKeyOneAndSignsAsTheRfcSays() {
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", KEY.publicKeyHex());
        assertEquals("hik_21fe31dfa154a261", KEY.keyId());
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", KEY.signHex(new byte[0]));
    }

    @Test
    void grpcCanonicalStringAndSignatureOfAPlaceOrder() {
        PlaceOrderRequest r = PlaceOrderRequest.newBuilder().setSymbol("BTC-USDC").setClientOrderId("demo-1")
                .setSide(Side.BUY).setPrice("95000.1").setQuantity("0.0005").build();
        assertEquals(GRPC_REQUEST_HEX, HexFormat.of().formatHex(r.toByteArray()));
        byte[] canonical = CanonicalRequest.grpc(TS, "hyperindex.gateway.v1.Trading/PlaceOrder", r.toByteArray());
        assertEquals(GRPC_CANONICAL, new String(canonical, StandardCharsets.UTF_8));
        assertEquals(GRPC_SIGNATURE, KEY.signHex(canonical));
    }

    @Test
    void restCanonicalStringsAndSignatures() {
        byte[] post = CanonicalRequest.rest(TS, "post", "/api/v1/orders?dryRun=false", REST_BODY.getBytes(StandardCharsets.UTF_8));
        assertEquals(REST_CANONICAL, new String(post, StandardCharsets.UTF_8), "the method is upper-cased");
        assertEquals(REST_SIGNATURE, KEY.signHex(post));
        byte[] get = CanonicalRequest.rest(TS, "GET", "/api/v1/orders?symbol=BTC-USDC", new byte[0]);
        assertEquals(REST_GET_CANONICAL, new String(get, StandardCharsets.UTF_8), "an empty body leaves the last line empty");
        assertEquals(REST_GET_SIGNATURE, KEY.signHex(get));
        // the body is taken byte for byte: no JSON re-encoding
        byte[] spaced = CanonicalRequest.rest(TS, "POST", "/p", "{ \"a\" : 1 }".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("1767225600000\nPOST\n/p\n{ \"a\" : 1 }".getBytes(StandardCharsets.UTF_8), spaced);
    }

    static final String WS_CANONICAL = "1767225600000\nWS-AUTH\n/ws/v1\nhik_21fe31dfa154a261";
    static final String WS_SIGNATURE = "a732ebf1266642780dd1697becf8a871daf6e07ac7608e9c79adcea25848003c"
            + "8a4aa9baedc3a1d1c959b5d92254ec42d6ad0096d6d1ef3d7c06d6b7306da903";

    @Test
    void webSocketAuthCanonicalStringAndSignature() {
        byte[] canonical = CanonicalRequest.webSocketAuth(TS, "/ws/v1", KEY.keyId());
        assertEquals(WS_CANONICAL, new String(canonical, StandardCharsets.UTF_8));
        assertEquals(WS_SIGNATURE, KEY.signHex(canonical));
    }

    @Test
    void theSigningDocumentShowsExactlyTheseVectors() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "api-signing.md"));
        for (String v : new String[]{SEED, KEY.publicKeyHex(), KEY.keyId(), GRPC_REQUEST_HEX, GRPC_SIGNATURE,
                REST_SIGNATURE, REST_GET_SIGNATURE, REST_BODY, WS_SIGNATURE, "3697278e059e6e4a99b61455cbb7835ed63c4a87443ab7dc54a38af5ae8dffd0"}) {
            assertTrue(doc.contains(v), "docs/api-signing.md shows " + v);
        }
    }
}
