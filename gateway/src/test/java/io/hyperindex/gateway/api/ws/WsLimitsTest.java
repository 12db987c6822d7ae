package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperindex.gateway.auth.RateLimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-connection and per-gateway limits of {@code /ws/v1}, each breach answered with its
 * documented error or close code; and the heartbeats in both directions.
 */
class WsLimitsTest {
    @TempDir
    static Path dir;
    static WsFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new WsFixture(dir, WsApi.Settings.defaults().withMaxConnections(2).withMaxSubscriptions(2)
                .withInbound(new RateLimit(20, 20), 30).withHeartbeatSeconds(1));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** Earlier tests' connections are gone on the server too before a test counts connections. */
    @BeforeEach
    void noConnectionsLeft() throws InterruptedException {
        for (int i = 0; i < 500 && f.api.connections() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, f.api.connections());
    }

    @Test
    void aThirdSubscriptionIsRefusedUntilOneEnds() throws Exception {
        WsFixture.Client c = f.connect();
        c.send("{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"BTC-USDC\"}");
        assertEquals("subscribed", c.next().path("type").asText());
        c.send("{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"ETH-USDC\"}");
        assertEquals("subscribed", c.next().path("type").asText());
        c.send("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"trades\",\"symbol\":\"HIDX-USDC\"}");
        JsonNode refused = c.next();
        assertEquals("SUBSCRIPTION_LIMIT", refused.path("code").asText(), refused.toString());
        assertEquals(53, refused.path("reason").asInt());
        c.send("{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"ETH-USDC\"}");
        assertEquals("subscribed", c.next().path("type").asText(), "subscribing again to a held topic is no new subscription");
        c.send("{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"symbol\":\"ETH-USDC\"}");
        assertEquals("unsubscribed", c.next().path("type").asText());
        c.send("{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"HIDX-USDC\"}");
        assertEquals("subscribed", c.next().path("type").asText());
        c.close();
    }

    @Test
    void aConnectionBeyondTheLimitIsToldAndClosedWith1013() throws Exception {
        WsFixture.Client one = f.connect();
        WsFixture.Client two = f.connect();
        WsFixture.Client three = new WsFixture.Client();
        three.socket = f.client.newWebSocketBuilder().buildAsync(f.uri(), three).get();
        JsonNode error = three.next();
        assertEquals("CONNECTION_LIMIT", error.path("code").asText(), error.toString());
        assertEquals(WsEndpoint.CONNECTION_LIMIT_CLOSE, three.awaitClose());
        assertEquals(2, f.api.connections());
        one.close();
        two.close();
    }

    @Test
    void aFloodIsAnsweredOnceWithRateLimitedThenClosedWith4029() throws Exception {
        WsFixture.Client c = f.connect();
        for (int i = 0; i < 100 && !c.closed.isDone(); i++) {
            c.socket.sendText("{\"op\":\"ping\",\"id\":" + i + "}", true).join();
        }
        assertEquals(WsEndpoint.RATE_LIMIT_CLOSE, c.awaitClose());
        int pongs = 0;
        int rateLimited = 0;
        int errorsInThisRun = 0;
        for (JsonNode n : c.messages) {
            if (n.path("type").asText().equals("pong")) {
                pongs++;
                errorsInThisRun = 0; // an answered message ends a run of refused ones
            } else if (n.path("code").asText().equals("RATE_LIMITED")) {
                rateLimited++;
                errorsInThisRun++;
                assertEquals(1, errorsInThisRun, "one error per run of refused messages: " + c.messages);
            }
        }
        assertTrue(pongs >= 20 && pongs < 100, "the burst was answered, the rest dropped: " + pongs);
        // on a loaded machine the bucket may refill during the flood and answer one more message,
        // which starts a new run of refused messages with its own error
        assertTrue(rateLimited >= 1, "the refused messages were told once: " + rateLimited);
    }

    @Test
    void theServerPingsAndTheClientsPingIsAnswered() throws Exception {
        WsFixture.Client c = f.connect();
        c.send("{\"op\":\"ping\",\"id\":7}");
        JsonNode pong = c.next();
        assertEquals("pong", pong.path("type").asText());
        assertEquals(7, pong.path("id").asInt());
        for (int i = 0; i < 500 && c.pings.get() == 0; i++) {
            Thread.sleep(10);
        }
        assertTrue(c.pings.get() > 0, "a ping frame within 5 s at a 1 s heartbeat");
        c.close();
    }

    @Test
    void aClientThatAnswersNoPingIsClosedWith4000() throws Exception {
        try (RawWsClient raw = new RawWsClient(f.http.address().getPort(), WsApi.PATH, 0)) {
            raw.readUntilText("welcome");
            long[] texts = new long[1];
            RawWsClient.Frame close = raw.readUntilClose(texts); // pings arrive and are never answered
            assertEquals(4000, close.closeCode());
            assertEquals("no heartbeat", close.closeReason());
        }
    }
}
