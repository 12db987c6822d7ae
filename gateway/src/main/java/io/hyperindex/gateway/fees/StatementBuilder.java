package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.EngineEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Statement} from the journaled events of a period, fed in journal order.
 * Events before the period only establish the tier in force at its start.
 */
public final class StatementBuilder {
    private final int account;
    private final String accountName;
    private final LocalDate from;
    private final LocalDate to;
    private final long fromNanos;
    private final long toNanos;
    private final IncentivePlan plan;
    private String tier;
    private String tierAtStart;
    private final List<String> changes = new ArrayList<>();
    private long maker;
    private long taker;
    private long trades;
    private long fees;
    private long rebates;
    private long granted;

    /**
     * @param firstTier the lowest tier's name, in force before any change event
     */
    public StatementBuilder(int account, String accountName, LocalDate from, LocalDate to, String firstTier, IncentivePlan plan) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("statement period ends before it starts");
        }
        this.account = account;
        this.accountName = accountName;
        this.from = from;
        this.to = to;
        this.fromNanos = nanos(from);
        this.toNanos = nanos(to.plusDays(1));
        this.plan = plan;
        this.tier = firstTier;
    }

    private static long nanos(LocalDate d) {
        return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }

    /** Feeds one event; returns false once events are past the period (the caller may stop reading). */
    public boolean accept(EngineEvent e) {
        long ts = timestamp(e);
        if (ts >= toNanos) {
            return false;
        }
        boolean in = ts >= fromNanos;
        if (e instanceof EngineEvent.FeeTierChanged t && t.account() == account) {
            if (in) {
                closeStart();
                changes.add(day(ts) + " " + t.fromTier() + "->" + t.toTier());
            }
            tier = t.toTier();
        } else if (in && e instanceof EngineEvent.TradeExecuted t) {
            closeStart();
            if (t.makerAccount() == account) {
                maker += t.notional();
                add(t.makerFee());
                trades++;
            }
            if (t.takerAccount() == account) {
                taker += t.notional();
                add(t.takerFee());
                trades++;
            }
        } else if (in && e instanceof EngineEvent.IncentiveGranted g && g.account() == account) {
            closeStart();
            granted += g.tokens();
        }
        return true;
    }

    private void closeStart() {
        if (tierAtStart == null) {
            tierAtStart = tier;
        }
    }

    private void add(long fee) {
        if (fee > 0) {
            fees += fee;
        } else {
            rebates -= fee;
        }
    }

    private static String day(long ts) {
        return Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L)).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Timestamp of an event that carries one, else Long.MIN_VALUE (counted as before the period). */
    static long timestamp(EngineEvent e) {
        if (e instanceof EngineEvent.TradeExecuted t) {
            return t.timestamp();
        }
        if (e instanceof EngineEvent.FeeTierChanged t) {
            return t.timestamp();
        }
        if (e instanceof EngineEvent.IncentiveGranted g) {
            return g.timestamp();
        }
        if (e instanceof EngineEvent.OrderAccepted a) {
            return a.timestamp();
        }
        return Long.MIN_VALUE;
    }

    public Statement build() {
        closeStart();
        return new Statement(accountName, from, to, maker, taker, trades, fees, rebates, rebates - fees, tierAtStart,
                List.copyOf(changes), plan.tokensFor(maker + taker), granted);
    }
}
