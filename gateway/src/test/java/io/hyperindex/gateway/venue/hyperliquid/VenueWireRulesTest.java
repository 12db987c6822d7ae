package io.hyperindex.gateway.venue.hyperliquid;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter's small rules: cloids, nonces and the rate budgets. */
class VenueWireRulesTest {

    @Test
    void aCloidIsSixteenBytesFromThePrefixAndTheOrderIdAndMapsBack() {
        String c = Cloids.of(Cloids.DEFAULT_PREFIX, 42);
        assertEquals("0x6879706572696478000000000000002a", c);
        assertEquals(42, Cloids.orderId(Cloids.DEFAULT_PREFIX, c));
        assertEquals(-1, Cloids.orderId(Cloids.DEFAULT_PREFIX, "0x000000000000000000000000000000a1"), "another client's cloid");
        assertEquals(-1, Cloids.orderId(Cloids.DEFAULT_PREFIX, "0x12"));
        assertEquals(-1, Cloids.orderId(Cloids.DEFAULT_PREFIX, null));
    }

    @Test
    void noncesAreUniqueAndIncreasingAcrossThreadsEvenWithAStoppedClock() throws Exception {
        Nonces nonces = new Nonces(() -> 1_000L);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(4);
        AtomicLong decreasing = new AtomicLong();
        for (int t = 0; t < 4; t++) {
            new Thread(() -> {
                long prev = 0;
                for (int i = 0; i < 10_000; i++) {
                    long n = nonces.next();
                    if (n <= prev) {
                        decreasing.incrementAndGet();
                    }
                    prev = n;
                    seen.add(n);
                }
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(40_000, seen.size());
        assertEquals(0, decreasing.get());
        assertTrue(seen.stream().allMatch(n -> n >= 1_000));
    }

    @Test
    void theIpBudgetMakesABatchWaitInsteadOfFailingAndRefillsWithTime() {
        RateBudget b = new RateBudget(1200, 1_000_000, 0);
        int sent = 0;
        while (b.tryTake(RateBudget.exchangeWeight(40), 40, false, 0) == 0) {
            sent++;
        }
        assertEquals(600, sent, "1200 weight / 2 per full batch");
        long wait = b.tryTake(2, 40, false, 0);
        assertEquals(100_000_000L, wait, "2 weight at 20 per second: 100 ms");
        assertEquals(0, b.tryTake(2, 40, false, wait));
        assertEquals(2, RateBudget.exchangeWeight(40));
        assertEquals(1, RateBudget.exchangeWeight(39));
        assertEquals(20, RateBudget.infoWeight("userFillsByTime"));
        assertEquals(2, RateBudget.infoWeight("orderStatus"));
    }

    @Test
    void theAddressBudgetHoldsOrdersButNotCancelsUntilVolumeTrades() {
        RateBudget b = new RateBudget(1_000_000, 10, 0);
        assertEquals(0, b.tryTake(1, 10, false, 0));
        assertEquals(Long.MAX_VALUE, b.tryTake(1, 1, false, 0), "spent: orders wait");
        assertEquals(0, b.tryTake(1, 5, true, 0), "cancels still go");
        b.traded(20);
        assertEquals(0, b.tryTake(1, 1, false, 0), "one more request per USDC traded");
    }
}
