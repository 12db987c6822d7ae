package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.engine.Reports;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.journal.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statements read from the journal reconcile with the engine's ledger to the smallest unit. */
class StatementReconciliationTest {

    @Test
    void statementsReconcileToTheLedgerAndDailyStatementsAddUpToTheMonth(@TempDir Path dir) throws Exception {
        long usd = Money.ONE_USDC;
        FeePolicy policy = new FeePolicy(new TierTable(List.of(new FeeTier("base", 0, -100, 300),
                new FeeTier("tier1", 5_000 * usd, -200, 300), new FeeTier("tier2", 20_000 * usd, -300, 280))),
                Map.of(), List.of(), 0, 30, IncentivePlan.venueDefault(), Set.of("venue-mm"));
        long start = FeeTiersTest.at("2026-10-01T00:00:00Z");
        AtomicLong clock = new AtomicLong(start);
        long step = 61L * 24 * 3_600_000_000_000L / 20_000; // 20,000 commands over October and November
        Map<String, Long> feesPaid = new java.util.HashMap<>(), rebates = new java.util.HashMap<>();
        try (Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts())
                .withFees(policy).withFsync(FsyncPolicy.NONE).withTimerMillis(0), () -> clock.addAndGet(step))) {
            for (Command c : TestMarkets.commands(5, 20_000)) {
                engine.submit(c).get(10, TimeUnit.SECONDS);
            }
            for (int a = 0; a < TestMarkets.accounts().size(); a++) {
                final int acct = a;
                String name = TestMarkets.accounts().get(a);
                feesPaid.put(name, -engine.query(e -> e.fees().ledger().balance(acct, LedgerAccount.FEES_PAID)).get());
                rebates.put(name, engine.query(e -> e.fees().ledger().balance(acct, LedgerAccount.REBATES_RECEIVED)).get());
            }
            // the engine API serves the same statement as the offline report
            Statement viaEngine = engine.statement("mm-alpha", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(feesPaid.get("mm-alpha"), viaEngine.fees());
        }
        long totalMaker = 0, totalTaker = 0;
        for (String name : TestMarkets.accounts()) {
            Statement all = Reports.statement(dir, name, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), Long.MAX_VALUE);
            assertEquals(feesPaid.get(name), all.fees(), name + " fees reconcile to the ledger");
            assertEquals(rebates.get(name), all.rebates(), name + " rebates reconcile to the ledger");
            assertEquals(all.rebates() - all.fees(), all.net());
            totalMaker += all.makerVolume();
            totalTaker += all.takerVolume();
            // statements are additive: the days of November add up to November
            Statement nov = Reports.statement(dir, name, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), Long.MAX_VALUE);
            long fees = 0, reb = 0, maker = 0;
            for (LocalDate d = LocalDate.of(2026, 11, 1); !d.isAfter(LocalDate.of(2026, 11, 30)); d = d.plusDays(1)) {
                Statement day = Reports.statement(dir, name, d, d, Long.MAX_VALUE);
                fees += day.fees();
                reb += day.rebates();
                maker += day.makerVolume();
            }
            assertEquals(nov.fees(), fees);
            assertEquals(nov.rebates(), reb);
            assertEquals(nov.makerVolume(), maker);
        }
        assertTrue(totalMaker > 0);
        assertEquals(totalMaker, totalTaker, "every trade has one maker and one taker");
        Statement alpha = Reports.statement(dir, "mm-alpha", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), Long.MAX_VALUE);
        assertFalse(alpha.tierChanges().isEmpty(), "tier changes are listed: " + alpha);
        assertEquals("base", alpha.tierAtStart());
        assertTrue(alpha.tokensGranted() > 0, "October's grant falls in the period");
        assertTrue(alpha.toCsv().lines().count() == 2);
    }
}
