package io.hyperindex.bench.api;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hyperindex.gateway.ops.http.GatewayHttpServer;
import io.hyperindex.gateway.ops.http.RouteTable;
import io.hyperindex.gateway.ops.http.WebSocketEndpoint;
import io.hyperindex.gateway.ops.http.WsConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out benchmark's client against the gateway's own WebSocket server on loopback: the
 * upgrade, the first (masked) message, and every server frame read back whole and in order on
 * every connection, with 7-bit and 16-bit payload lengths (a 64-bit one would exceed the
 * client's 64 KiB buffer, which the client reports as a failure).
 */
class RawWsClientsTest {

    @Test
    void everyConnectionReadsEveryMessageWholeAndInOrder() throws Exception {
        List<String> messages = List.of("x", "y".repeat(125), "z".repeat(126), "w".repeat(60_000),
                "{\"type\":\"delta\",\"time\":42}");
        Map<Integer, List<String>> got = new ConcurrentHashMap<>();
        WebSocketEndpoint echo = new WebSocketEndpoint() {
            @Override
            public void onOpen(WsConnection c) {
            }

            @Override
            public void onText(WsConnection c, String text) {
                if (text.equals("hello")) {
                    messages.forEach(c::send);
                }
            }

            @Override
            public void onClose(WsConnection c) {
            }
        };
        int connections = 20;
        try (GatewayHttpServer server = GatewayHttpServer.start("127.0.0.1", 0, new RouteTable().webSocket("/t", echo),
                JsonMapper.builder().build());
             RawWsClients clients = new RawWsClients(2)) {
            clients.open(server.address(), "/t", connections, "hello", (conn, buf, from, to, now) -> {
                assertTrue(now > 0);
                got.computeIfAbsent(conn, k -> new CopyOnWriteArrayList<>())
                        .add(new String(buf, from, to - from, StandardCharsets.UTF_8));
            }, 10_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && got.values().stream().mapToInt(List::size).sum() < connections * messages.size()) {
                Thread.sleep(5);
            }
            assertEquals(0, clients.failures(), "failures: " + clients.firstFailure());
        }
        assertEquals(connections, got.size());
        for (List<String> l : got.values()) {
            assertEquals(messages, l);
        }
    }
}
