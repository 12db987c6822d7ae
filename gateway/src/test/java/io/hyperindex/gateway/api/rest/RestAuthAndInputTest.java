package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests /api/v1 must refuse, over loopback HTTP on a real sandbox gateway: every way a
 * signature can be wrong, the wrong scope, another account's order, and bodies that are not
 * what the endpoint reads. None of them changes state.
 */
class RestAuthAndInputTest {
    private static final String ORDERS = "/api/v1/orders";
    @TempDir
    static Path dir;
    static RestFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new RestFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String signature(Ed25519Key key, long ts, String method, String path, String body) {
        return key.signHex(CanonicalRequest.rest(ts, method, path, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unsignedBadlySignedStaleAndReplayedRequestsAreRefused() throws Exception {
        String body = RestFixture.hype("BUY", "29.5", "1", null);
        f.sendWith("POST", ORDERS, body, "application/json", null, null, null).assertError(401, "UNAUTHENTICATED");
        long ts = RestFixture.nextTimestamp();
        String good = signature(f.alpha, ts, "POST", ORDERS, body);
        f.sendWith("POST", ORDERS, body, "application/json", f.alpha.keyId(), Long.toString(ts),
                signature(f.bravo, ts, "POST", ORDERS, body)).assertError(401, "INVALID_SIGNATURE");
        // the signature covers the body: the same signature over another body does not verify
        f.sendWith("POST", ORDERS, body.replace("29.5", "29.6"), "application/json", f.alpha.keyId(), Long.toString(ts), good)
                .assertError(401, "INVALID_SIGNATURE");
        f.sendWith("POST", ORDERS, body, "application/json", "hik_0000000000000000", Long.toString(ts), good)
                .assertError(401, "UNKNOWN_KEY");
        long stale = System.currentTimeMillis() - 60_000;
        String why = f.sendWith("POST", ORDERS, body, "application/json", f.alpha.keyId(), Long.toString(stale),
                signature(f.alpha, stale, "POST", ORDERS, body)).assertError(401, "TIMESTAMP_OUTSIDE_WINDOW");
        assertTrue(why.contains("window 5000 ms"), why);

        JsonNode placed = f.sendWith("POST", ORDERS, body, "application/json", f.alpha.keyId(), Long.toString(ts), good)
                .assertOk().json();
        f.sendWith("POST", ORDERS, body, "application/json", f.alpha.keyId(), Long.toString(ts), good)
                .assertError(401, "REPLAYED_REQUEST");
        assertEquals(1, f.get(f.alpha, ORDERS + "?symbol=HYPE-USDC").assertOk().json().path("orders").size(),
                "the replay placed nothing");
        f.send(f.alpha, "DELETE", ORDERS + "/" + placed.path("orderId").asLong(), null).assertOk();
    }

    @Test
    void aRevokedKeyAndAKeyWithoutTheScopeAreRefused() throws Exception {
        Ed25519Key reader = Ed25519Key.fromSeedHex("5a".repeat(32));
        JsonNode added = f.post(f.operator, "/api/v1/admin/accounts/mm-alpha/keys", "{\"publicKeyHex\":\""
                + reader.publicKeyHex() + "\",\"scopes\":[\"read\"]}").assertOk().json();
        assertEquals(reader.keyId(), added.path("keyId").asText());
        f.get(reader, "/api/v1/account/balances").assertOk();
        f.post(reader, ORDERS, RestFixture.hype("BUY", "29.5", "1", null)).assertError(403, "NOT_PERMITTED");
        f.get(f.alpha, "/api/v1/admin/accounts").assertError(403, "NOT_PERMITTED");
        f.post(f.operator, "/api/v1/admin/accounts/mm-alpha/keys", "{\"publicKeyHex\":\"" + reader.publicKeyHex()
                + "\",\"scopes\":[\"superuser\"]}").assertError(400, "INVALID_REQUEST");

        assertTrue(f.send(f.operator, "DELETE", "/api/v1/admin/accounts/mm-alpha/keys/" + reader.keyId(), null).assertOk()
                .json().path("revoked").asBoolean());
        f.get(reader, "/api/v1/account/balances").assertError(401, "KEY_REVOKED");
        f.send(f.operator, "DELETE", "/api/v1/admin/accounts/mm-bravo/keys/" + reader.keyId(), null)
                .assertError(401, "UNKNOWN_KEY");
    }

    @Test
    void anotherAccountsOrderAnswersExactlyAsAnUnknownOrder() throws Exception {
        JsonNode mine = f.post(f.bravo, ORDERS, RestFixture.hype("SELL", "30.6", "1", "bravo-own")).assertOk().json();
        long id = mine.path("orderId").asLong();
        long unknown = id + 1_000_000;
        for (String method : new String[]{"GET", "DELETE"}) {
            RestFixture.Reply theirs = f.send(f.alpha, method, ORDERS + "/" + id, null);
            RestFixture.Reply none = f.send(f.alpha, method, ORDERS + "/" + unknown, null);
            theirs.assertError(404, "UNKNOWN_ORDER");
            assertEquals(none.status(), theirs.status());
            assertEquals(none.raw().body(), theirs.raw().body(), "nothing tells the order exists");
        }
        RestFixture.Reply amendTheirs = f.send(f.alpha, "PATCH", ORDERS + "/" + id, "{\"newPrice\":\"30.7\"}");
        RestFixture.Reply amendNone = f.send(f.alpha, "PATCH", ORDERS + "/" + unknown, "{\"newPrice\":\"30.7\"}");
        assertEquals(amendNone.raw().body(), amendTheirs.raw().body());
        assertEquals(f.get(f.alpha, ORDERS + "/by-client-id/never-used").raw().body(),
                f.get(f.alpha, ORDERS + "/by-client-id/bravo-own").raw().body(), "by client order id too");
        assertTrue(RestTradingTest.ids(f.get(f.alpha, ORDERS).assertOk().json()).stream().noneMatch(o -> o == id));
        JsonNode still = f.get(f.bravo, ORDERS + "/" + id).assertOk().json();
        RestTradingTest.assertDecimal("30.6", still.path("price"));
        f.send(f.bravo, "DELETE", ORDERS + "/" + id, null).assertOk();
    }

    @Test
    void bodiesThatAreNotTheEndpointsJsonAreRefusedWithTheFieldNamed() throws Exception {
        f.post(f.alpha, ORDERS, "{\"symbol\":\"HYPE-USDC\",").assertError(400, "INVALID_REQUEST");
        String type = f.post(f.alpha, ORDERS, "{\"symbol\":\"HYPE-USDC\",\"side\":\"BUY\",\"price\":29.5,\"quantity\":\"1\"}")
                .assertError(400, "INVALID_REQUEST");
        assertTrue(type.startsWith("price must be a string"), type);
        String flag = f.post(f.alpha, ORDERS, "{\"symbol\":\"HYPE-USDC\",\"side\":\"BUY\",\"price\":\"29.5\",\"quantity\":\"1\","
                + "\"postOnly\":\"yes\"}").assertError(400, "INVALID_REQUEST");
        assertTrue(flag.contains("postOnly"), flag);
        String side = f.post(f.alpha, ORDERS, "{\"symbol\":\"HYPE-USDC\",\"side\":\"HOLD\",\"price\":\"29.5\",\"quantity\":\"1\"}")
                .assertError(400, "INVALID_REQUEST");
        assertTrue(side.contains("side") && side.contains("BUY, SELL"), side);
        String unknown = f.post(f.alpha, ORDERS, "{\"symbol\":\"HYPE-USDC\",\"side\":\"BUY\",\"price\":\"29.5\",\"quantity\":\"1\","
                + "\"leverage\":10}").assertError(400, "INVALID_REQUEST");
        assertTrue(unknown.contains("unknown field leverage"), unknown);
        String nested = f.post(f.alpha, ORDERS + "/batch", "{\"orders\":[{\"symbol\":\"HYPE-USDC\",\"side\":\"BUY\","
                + "\"price\":\"29.5\",\"quantity\":1}]}").assertError(400, "INVALID_REQUEST");
        assertTrue(nested.startsWith("orders[0].quantity must be a string"), nested);
        String deep = f.post(f.alpha, ORDERS + "/batch", "{\"orders\":" + "[".repeat(20) + "]".repeat(20) + "}")
                .assertError(400, "INVALID_REQUEST");
        assertTrue(deep.contains("nested deeper than 8"), deep);
        f.post(f.alpha, ORDERS, "{\"symbol\":\"HYPE-USDC\",\"symbol\":\"BTC-USDC\",\"side\":\"BUY\",\"price\":\"29.5\","
                + "\"quantity\":\"1\"}").assertError(400, "INVALID_REQUEST");
        f.post(f.alpha, ORDERS, "[]").assertError(400, "INVALID_REQUEST");
        f.post(f.alpha, ORDERS, RestFixture.hype("BUY", "29.5", "1", null) + "{}").assertError(400, "INVALID_REQUEST");
        f.post(f.alpha, ORDERS, RestFixture.hype("BUY", "29.5001", "1", null)).assertError(400, "PRICE_OFF_TICK");
        assertEquals(0, f.get(f.alpha, ORDERS + "?symbol=HYPE-USDC").assertOk().json().path("orders").size(),
                "no refused body placed anything");
    }

    @Test
    void oversizedBodiesWrongContentTypesAndUnknownRoutesGetTheirStatus() throws Exception {
        String padded = "{\"symbol\":\"" + "X".repeat(70 * 1024) + "\"}";
        f.post(f.alpha, ORDERS, padded).assertError(413, "BODY_TOO_LARGE");
        // beyond the HTTP server's own limit the body is not even read
        String huge = "{\"symbol\":\"" + "X".repeat(1100 * 1024) + "\"}";
        f.sendWith("POST", ORDERS, huge, "application/json", f.alpha.keyId(), "1", "00").assertError(413, "BODY_TOO_LARGE");

        String body = RestFixture.hype("BUY", "29.5", "1", null);
        long ts = RestFixture.nextTimestamp();
        f.sendWith("POST", ORDERS, body, "text/plain", f.alpha.keyId(), Long.toString(ts),
                signature(f.alpha, ts, "POST", ORDERS, body)).assertError(415, "UNSUPPORTED_MEDIA_TYPE");
        f.sendWith("POST", ORDERS, body, null, f.alpha.keyId(), Long.toString(ts),
                signature(f.alpha, ts, "POST", ORDERS, body)).assertError(415, "UNSUPPORTED_MEDIA_TYPE");
        f.sendWith("POST", ORDERS, body, "application/json; charset=iso-8859-1", f.alpha.keyId(), Long.toString(ts),
                signature(f.alpha, ts, "POST", ORDERS, body)).assertError(415, "UNSUPPORTED_MEDIA_TYPE");
        ts = RestFixture.nextTimestamp();
        f.sendWith("POST", ORDERS, body, "application/json; charset=UTF-8", f.alpha.keyId(), Long.toString(ts),
                signature(f.alpha, ts, "POST", ORDERS, body)).assertOk();
        f.send(f.alpha, "DELETE", ORDERS + "?symbol=HYPE-USDC", null).assertOk();

        f.get(f.alpha, "/api/v1/nothing-here").assertError(404, "NOT_FOUND");
        RestFixture.Reply wrong = f.send(f.alpha, "PUT", ORDERS, "{}");
        wrong.assertError(405, "METHOD_NOT_ALLOWED");
        assertTrue(wrong.raw().headers().firstValue("Allow").orElse("").contains("POST"));
        f.get(f.alpha, ORDERS + "/not-a-number").assertError(400, "INVALID_REQUEST");
    }
}
