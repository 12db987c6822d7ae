package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineApiTest {

    static Command.PlaceOrder bid(int account, long price, long qty) {
        return new Command.PlaceOrder(account, 1, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
    }

    @Test
    void aBatchOfFortyIsAcceptedItemByItemAndFortyOneIsRejectedWhole(@TempDir Path dir) throws Exception {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withTimerMillis(0))) {
            List<Command> batch = new ArrayList<>();
            for (int i = 0; i < 39; i++) {
                batch.add(bid(0, 900 + i, 1));
            }
            batch.add(bid(0, 900, 0)); // one bad item does not spoil the others
            CompletableFuture<List<CommandResult>> f = new CompletableFuture<>();
            engine.submitBatch(batch, f::complete);
            List<CommandResult> results = f.get(10, TimeUnit.SECONDS);
            assertEquals(40, results.size());
            for (int i = 0; i < 39; i++) {
                assertInstanceOf(EngineEvent.OrderAccepted.class, results.get(i).events().get(0));
                assertEquals(results.get(0).sequence() + i, results.get(i).sequence(), "consecutive sequences");
            }
            assertEquals(ReasonCode.INVALID_QUANTITY, results.get(39).rejection());

            batch.add(bid(0, 901, 1));
            CompletableFuture<List<CommandResult>> g = new CompletableFuture<>();
            engine.submitBatch(batch, g::complete);
            assertTrue(g.get(10, TimeUnit.SECONDS).stream().allMatch(r -> r.rejection() == ReasonCode.BATCH_TOO_LARGE));
            assertEquals(39, engine.query(MatchingEngine::liveOrderCount).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void subscribersSeeEveryResultInSequenceOrderAndRepliesComeAfterCommit(@TempDir Path dir) throws Exception {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withTimerMillis(0))) {
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            engine.subscribe(r -> seen.add(r.sequence()));
            int n = 20_000;
            CountDownLatch done = new CountDownLatch(n);
            List<Long> replyLag = Collections.synchronizedList(new ArrayList<>());
            Thread[] producers = new Thread[2];
            for (int t = 0; t < producers.length; t++) {
                final int account = t;
                producers[t] = new Thread(() -> {
                    for (int i = 0; i < n / 2; i++) {
                        java.util.function.Consumer<CommandResult> reply = r -> done.countDown();
                        while (true) {
                            CompletableFuture<CommandResult> f = new CompletableFuture<>();
                            engine.submit(bid(account, 900 + (i % 50), 1), res -> {
                                replyLag.add(engine.lastSequence() - res.sequence()); // measured on the engine thread at release
                                f.complete(res);
                            });
                            CommandResult r = f.join();
                            if (r.rejection() != ReasonCode.ENGINE_UNAVAILABLE) {
                                reply.accept(r);
                                break;
                            }
                        }
                    }
                });
                producers[t].start();
            }
            assertTrue(done.await(60, TimeUnit.SECONDS));
            engine.query(e -> 0).get(10, TimeUnit.SECONDS);
            assertEquals(n, seen.size());
            for (int i = 1; i < seen.size(); i++) {
                assertEquals(seen.get(i - 1) + 1, seen.get(i), "subscribers see sequences in order without gaps");
            }
            assertEquals(n, replyLag.size());
            assertTrue(replyLag.stream().allMatch(l -> l >= 0), "no reply was released before its journal commit");
        }
    }

    @Test
    void groupCommitWritesManyCommandsPerFsync(@TempDir Path dir) throws Exception {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withTimerMillis(0))) {
            int n = 20_000;
            CountDownLatch done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                engine.submit(bid(i % 3, 900 + (i % 50), 1), r -> done.countDown());
            }
            assertTrue(done.await(60, TimeUnit.SECONDS));
            long commits = engine.journalCommits();
            assertTrue(commits < n / 10, n + " commands in " + commits + " fsynced commits");
        }
    }

    @Test
    void aClosedEngineAnswersEngineUnavailableAndDoesNothing(@TempDir Path dir) throws Exception {
        Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withTimerMillis(0));
        engine.submit(bid(0, 900, 1)).get(10, TimeUnit.SECONDS);
        engine.close();
        CommandResult r = engine.submit(bid(0, 900, 1)).get(10, TimeUnit.SECONDS);
        assertEquals(ReasonCode.ENGINE_UNAVAILABLE, r.rejection());
        assertEquals(0, r.sequence());
        try (Engine again = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withTimerMillis(0))) {
            assertEquals(1, again.recovery().lastSequence());
        }
    }
}
