package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.ops.http.WsConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading while the book moves is cut off with 1008 "slow consumer" once
 * its queue passes the bound, and the gateway keeps serving a well-behaved subscriber on the
 * same server: every delta, in order, none missing.
 *
 * <p>The slow client is a raw socket with a 4 KiB receive buffer that reads its welcome, its
 * subscription and the snapshot, then nothing: the kernel buffers on both sides fill, Netty
 * reports the channel unwritable, the gateway stops moving that client's messages to the
 * socket, and its queue grows to the bound. After the cutoff the test reads everything that
 * was sent and finds the close frame at the end.
 */
class WsSlowConsumerTest {
    private static final long MAX_PENDING = 256 * 1024;
    @TempDir
    Path dir;

    @Test
    void aClientThatStopsReadingIsCutOffWhileAnotherKeepsEveryDelta() throws Exception {
        try (WsFixture f = new WsFixture(dir, WsApi.Settings.defaults().withMaxPendingBytes(MAX_PENDING).withHeartbeatSeconds(0));
             RawWsClient slow = new RawWsClient(f.http.address().getPort(), WsApi.PATH, 4096)) {
            slow.readUntilText("welcome");
            slow.sendText("{\"op\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"BTC-USDC\"}");
            slow.readUntilText("\"snapshot\"");

            SequenceChecker good = new SequenceChecker();
            WebSocket goodSocket = f.client.newWebSocketBuilder().buildAsync(f.uri(), good).get(10, TimeUnit.SECONDS);
            goodSocket.sendText("{\"op\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"BTC-USDC\"}", true).join();
            good.snapshotSeen.get(10, TimeUnit.SECONDS);

            // place and cancel: every command moves the book (one delta each) while the book stays small
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long commands = 0;
            int round = 0;
            while (f.api.slowConsumerDisconnects() == 0 && commands < 1_000_000 && System.nanoTime() < deadline) {
                List<Command> batch = new ArrayList<>(40);
                for (int k = 0; k < 20; k++) {
                    String id = "s" + round + "-" + k;
                    batch.add(new Command.PlaceOrder(WsFixture.ALPHA, 0, id, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                            9_300_000 + 10L * k, 10, 0, null));
                    batch.add(new Command.CancelOrder(WsFixture.ALPHA, 0, id));
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                f.engine.submitBatch(batch, rs -> done.complete(null));
                done.get(10, TimeUnit.SECONDS);
                commands += batch.size();
                round++;
                Thread.sleep(2); // about 20,000 deltas a second: the good client keeps up, the slow one does not read
            }
            assertEquals(1, f.api.slowConsumerDisconnects(), "the slow client was cut off after " + commands + " commands");

            long[] skipped = new long[1];
            RawWsClient.Frame close = slow.readUntilClose(skipped);
            assertEquals(WsConnection.SLOW_CONSUMER_CLOSE, close.closeCode());
            assertEquals("slow consumer", close.closeReason());
            assertTrue(skipped[0] > 0 && skipped[0] < commands, "it got part of the stream before the cutoff: " + skipped[0]);

            long finalSequence = f.bookSequence();
            for (int i = 0; i < 3_000 && good.lastSequence < finalSequence && !good.closed.isDone(); i++) {
                Thread.sleep(10);
            }
            assertFalse(good.closed.isDone(), "the well-behaved subscriber stays connected");
            assertEquals(finalSequence, good.lastSequence, "it received every delta up to the end");
            assertEquals(0, good.gaps, "with contiguous sequence numbers");
            assertTrue(good.deltas >= commands, good.deltas + " deltas for " + commands + " commands");
            assertEquals(1, f.api.connections(), "only the good client is still counted");
            goodSocket.abort();
        }
    }

    /** Checks that book deltas arrive with contiguous sequence numbers after the snapshot. */
    private static final class SequenceChecker implements WebSocket.Listener {
        final CompletableFuture<Void> snapshotSeen = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        volatile long lastSequence = -1;
        volatile long deltas;
        volatile long gaps;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode n = WsFixture.JSON.readTree(partial.toString());
                    String type = n.path("type").asText();
                    if (type.equals("snapshot")) {
                        lastSequence = n.path("seq").asLong();
                        snapshotSeen.complete(null);
                    } else if (type.equals("delta")) {
                        long seq = n.path("seq").asLong();
                        if (seq != lastSequence + 1) {
                            gaps++;
                        }
                        lastSequence = seq;
                        deltas++;
                    }
                } catch (java.io.IOException e) {
                    gaps++;
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
