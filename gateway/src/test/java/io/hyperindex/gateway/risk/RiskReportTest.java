package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.Reports;
import io.hyperindex.gateway.engine.RiskReport;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.fees.FeePolicy;
import io.hyperindex.gateway.journal.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily risk report against a hand-worked day. */
class RiskReportTest {
    static final long USD = Money.ONE_USDC;

    @Test
    void dailyReportHasPnlFeesPeakExposureBreachesAndRefusals(@TempDir Path dir) throws Exception {
        long day1 = java.time.Instant.parse("2026-11-20T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        AtomicLong clock = new AtomicLong(day1 - 3_600_000_000_000L); // the day before, 23:00
        EngineConfig cfg = EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts())
                .withFees(FeePolicy.flat(0, 100)).withFsync(FsyncPolicy.NONE).withTimerMillis(0);
        try (Engine e = Engine.start(cfg, clock::get)) {
            // the day before: A buys 10 @ 10.00 (taker fee 1 bp = $0.01)
            place(e, 1, Side.SELL, 1_000, 10);
            place(e, 0, Side.BUY, 1_000, 10);
            clock.set(day1 + 3_600_000_000_000L); // 01:00 on the report day
            long[] q = {RiskLimits.UNLIMITED, RiskLimits.UNLIMITED, RiskLimits.UNLIMITED};
            long[] l = {RiskLimits.UNLIMITED, 30, RiskLimits.UNLIMITED};
            e.submit(new Command.SetRiskLimits(0, new RiskLimits(RiskLimits.UNLIMITED, RiskLimits.UNLIMITED,
                    RiskLimits.UNLIMITED, q, l, q.clone(), RiskLimits.UNLIMITED, RiskLimits.UNLIMITED, RiskLimits.UNLIMITED),
                    "ops")).get(5, TimeUnit.SECONDS);
            place(e, 1, Side.SELL, 1_050, 20);
            place(e, 0, Side.BUY, 1_050, 20);                     // long 30 @ avg 10.33: position at its limit
            assertEquals(ReasonCode.POSITION_LIMIT, place(e, 0, Side.BUY, 1_000, 1).rejection());
            place(e, 2, Side.BUY, 1_100, 15);
            place(e, 0, Side.SELL, 1_100, 15);                    // sells 15 @ 11.00 into C's bid (taker: 1 bp)
            clock.set(day1 + 86_400_000_000_000L + 1);           // the next day: not in the report
            place(e, 1, Side.SELL, 500, 1);
            place(e, 2, Side.BUY, 500, 1);
        }
        RiskReport r = Reports.riskReport(dir, "mm-alpha", LocalDate.of(2026, 11, 20), Long.MAX_VALUE);
        // at the day's start: long 10 @ 10.00 marked at 10.00. During the day: +20 @ 10.50 (cost $310 for 30,
        // fee $0.021), -15 @ 11.00 (cost share $155, proceeds $165: realized $10, fee $0.0165); end: long 15,
        // cost $155, marked at 11.00 (+$10). P&L = 10 + 10 - 0.021 - 0.0165 = 19.9625
        assertEquals(1_996_250_000L, r.pnl());
        assertEquals(3_750_000L, r.fees(), "1 bp of $210 and of $165");
        assertEquals(315 * USD, r.peakGrossExposure(), "30 x 10.50 after the first trade of the day");
        assertEquals(165 * USD, r.endGrossExposure());
        assertEquals(2, r.trades());
        assertTrue(r.breaches().stream().anyMatch(b -> b.startsWith("position:HIDX-USDC@")), r.breaches().toString());
        assertEquals(Map.of("POSITION_LIMIT", 1L), r.rejections());
        assertEquals(2, r.toCsv().lines().count());
    }

    static io.hyperindex.gateway.engine.CommandResult place(Engine e, int account, Side side, long price, long qty) throws Exception {
        return e.submit(new Command.PlaceOrder(account, 1, null, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null))
                .get(5, TimeUnit.SECONDS);
    }
}
