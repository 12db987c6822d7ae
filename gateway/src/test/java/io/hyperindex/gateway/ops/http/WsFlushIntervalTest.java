package io.hyperindex.gateway.ops.http;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's flush interval: a message to a connection idle for longer leaves at once (with
 * whatever was queued in the same instant), one that follows within the interval waits for its
 * end, and nothing is lost or reordered. Only lower bounds on time are asserted (a deferral can
 * make a message late, never early).
 */
class WsFlushIntervalTest {

    /** On "go" sends "a" then "b" at once; on "one" sends "c". */
    private record Endpoint(long intervalMicros) implements WebSocketEndpoint {
        @Override
        public void onOpen(WsConnection c) {
        }

        @Override
        public void onText(WsConnection c, String text) {
            if (text.equals("go")) {
                c.send("a");
                c.send("b");
            } else {
                c.send("c");
            }
        }

        @Override
        public void onClose(WsConnection c) {
        }

        @Override
        public long flushIntervalMicros() {
            return intervalMicros;
        }
    }

    private record Received(String text, long nanos) {
    }

    private static List<Received> exchange(long intervalMicros, String... sends) throws Exception {
        RouteTable routes = new RouteTable().webSocket("/t", new Endpoint(intervalMicros));
        List<Received> got = new CopyOnWriteArrayList<>();
        int expected = 0;
        for (String s : sends) {
            expected += s.equals("go") ? 2 : 1;
        }
        CountDownLatch all = new CountDownLatch(expected);
        try (GatewayHttpServer server = GatewayHttpServer.start("127.0.0.1", 0, routes, JsonMapper.builder().build())) {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.address().getPort() + "/t"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            got.add(new Received(data.toString(), System.nanoTime()));
                            all.countDown();
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            int before = 0;
            for (String s : sends) {
                ws.sendText(s, true).get(5, TimeUnit.SECONDS);
                // the answer first, so that each request is its own burst
                before += s.equals("go") ? 2 : 1;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (got.size() < before && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
            assertTrue(all.await(10, TimeUnit.SECONDS), "received " + got);
            ws.abort();
        }
        return got;
    }

    @Test
    void aMessageFollowingCloselyWaitsForTheEndOfTheInterval() throws Exception {
        List<Received> got = exchange(300_000, "go", "one");
        assertEquals(List.of("a", "b", "c"), got.stream().map(Received::text).toList());
        // a and b were queued in the same instant to an idle connection: one flush
        // c was asked for right after they arrived: it waits for the end of the interval
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(got.get(2).nanos() - got.get(0).nanos());
        assertTrue(gapMillis >= 250, "c came " + gapMillis + " ms after a, within the 300 ms interval");
    }

    @Test
    void withoutAnIntervalEveryMessageArrivesInOrder() throws Exception {
        List<Received> got = exchange(0, "go", "one", "go");
        assertEquals(List.of("a", "b", "c", "a", "b"), got.stream().map(Received::text).toList());
    }
}
