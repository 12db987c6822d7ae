package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real sandbox gateway on loopback ports and a JDK HTTP client that signs requests the way
 * docs/api-signing.md describes. Keys: alpha (mm-alpha) and bravo (mm-bravo) with read and
 * trade, operator with admin, all from the sandbox's demo credentials.
 */
final class RestFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Strictly increasing timestamps, so that two identical requests never share a signature by accident. */
    private static final AtomicLong LAST_TS = new AtomicLong();
    final GatewayServer server;
    final String base;
    final Ed25519Key alpha;
    final Ed25519Key bravo;
    final Ed25519Key operator;

    RestFixture(Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        config = config.withMarketMaker(config.marketMaker().disabled()); // the tests fill against their own orders
        server = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        server.start();
        base = "http://127.0.0.1:" + server.httpAddress().getPort();
        alpha = Ed25519Key.fromSeedHex(server.demoCredentials().accounts().get(0).ed25519SeedHex());
        bravo = Ed25519Key.fromSeedHex(server.demoCredentials().accounts().get(1).ed25519SeedHex());
        operator = Ed25519Key.fromSeedHex(server.demoCredentials().operator().ed25519SeedHex());
    }

    /** A gateway on {@code config} as configured (no demo keys): the test brings its own keys. */
    RestFixture(GatewayConfig config) throws Exception {
        server = new GatewayServer(config, GatewayServer.Mode.CONFIGURED, new PrintWriter(new StringWriter()));
        server.start();
        base = "http://127.0.0.1:" + server.httpAddress().getPort();
        alpha = null;
        bravo = null;
        operator = null;
    }

    /** A status and its JSON body. */
    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        /** Asserts an error reply: status and reason code; returns the message. */
        String assertError(int expectedStatus, String code) {
            assertEquals(expectedStatus, status, raw.body());
            assertEquals(code, json.path("code").asText(), raw.body());
            return json.path("message").asText();
        }

        Reply assertOk() {
            assertEquals(200, status, raw.body());
            return this;
        }
    }

    static long nextTimestamp() {
        return LAST_TS.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    /** Signs and sends; {@code body} null = no body. */
    Reply send(Ed25519Key key, String method, String pathWithQuery, String body) throws Exception {
        long ts = nextTimestamp();
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String sig = key.signHex(CanonicalRequest.rest(ts, method, pathWithQuery, bytes));
        return sendWith(method, pathWithQuery, body, "application/json", key.keyId(), Long.toString(ts), sig);
    }

    /** Sends with exactly these headers (null = header left out). */
    Reply sendWith(String method, String pathWithQuery, String body, String contentType, String keyId, String ts,
                   String sig) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathWithQuery)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (keyId != null) {
            b.header("X-HI-KEY", keyId);
        }
        if (ts != null) {
            b.header("X-HI-TS", ts);
        }
        if (sig != null) {
            b.header("X-HI-SIG", sig);
        }
        return reply(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Reply reply(HttpResponse<String> r) throws Exception {
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Reply(r.statusCode(), json, r);
    }

    Reply get(Ed25519Key key, String pathWithQuery) throws Exception {
        return send(key, "GET", pathWithQuery, null);
    }

    Reply post(Ed25519Key key, String path, String body) throws Exception {
        return send(key, "POST", path, body);
    }

    /** A GTC limit order body on HYPE-USDC (tick 0.001, lot 0.01, reference 30). */
    static String hype(String side, String price, String quantity, String clientOrderId) {
        return "{\"symbol\":\"HYPE-USDC\",\"side\":\"" + side + "\",\"price\":\"" + price + "\",\"quantity\":\"" + quantity
                + "\"" + (clientOrderId == null ? "" : ",\"clientOrderId\":\"" + clientOrderId + "\"") + "}";
    }

    @Override
    public void close() {
        server.close();
    }
}
