package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.CircuitBreakerRule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Per-instrument circuit breakers over trade prices. For each instrument and rule it keeps the
 * window's lowest and highest prices in monotonic deques, so each trade costs O(1) amortized.
 */
public final class CircuitBreakers {
    private final List<CircuitBreakerRule> rules;
    private final ArrayDeque<long[]>[][] lows;   // [instrument][rule] of {timestamp, price}, increasing prices
    private final ArrayDeque<long[]>[][] highs;  // decreasing prices
    private final long[][] restingUntil;          // cooldown per instrument and rule
    private final long[] haltedUntil;

    @SuppressWarnings("unchecked")
    public CircuitBreakers(int instruments, List<CircuitBreakerRule> rules) {
        this.rules = List.copyOf(rules);
        int r = rules.size();
        lows = new ArrayDeque[instruments][r];
        highs = new ArrayDeque[instruments][r];
        for (int i = 0; i < instruments; i++) {
            for (int k = 0; k < r; k++) {
                lows[i][k] = new ArrayDeque<>();
                highs[i][k] = new ArrayDeque<>();
            }
        }
        restingUntil = new long[instruments][r];
        haltedUntil = new long[instruments];
    }

    public List<CircuitBreakerRule> rules() {
        return rules;
    }

    /** True while a HALT breaker holds the instrument. */
    public boolean isHalted(int instrument, long now) {
        return haltedUntil[instrument] > now;
    }

    public long haltedUntil(int instrument) {
        return haltedUntil[instrument];
    }

    /** What a trade tripped: the rule index and the move in bp, or null. A HALT wins over an ALERT. */
    public record Trip(int rule, CircuitBreakerRule config, long moveBps, long until) {
    }

    /** Records a trade price; returns the most severe rule it trips, if any. */
    public Trip onTrade(int instrument, long price, long now) {
        Trip worst = null;
        for (int k = 0; k < rules.size(); k++) {
            CircuitBreakerRule rule = rules.get(k);
            long start = now - rule.windowMillis() * 1_000_000L;
            ArrayDeque<long[]> lo = lows[instrument][k];
            ArrayDeque<long[]> hi = highs[instrument][k];
            while (!lo.isEmpty() && lo.peekLast()[1] >= price) {
                lo.pollLast();
            }
            lo.addLast(new long[]{now, price});
            while (!hi.isEmpty() && hi.peekLast()[1] <= price) {
                hi.pollLast();
            }
            hi.addLast(new long[]{now, price});
            while (lo.peekFirst()[0] <= start) {
                lo.pollFirst();
            }
            while (hi.peekFirst()[0] <= start) {
                hi.pollFirst();
            }
            long low = lo.peekFirst()[1];
            long high = hi.peekFirst()[1];
            long moveBps = (high - low) * 10_000 / low;
            if (moveBps > rule.moveBps() && restingUntil[instrument][k] <= now) {
                long until = now + rule.cooldownMillis() * 1_000_000L;
                restingUntil[instrument][k] = until;
                lo.clear();
                hi.clear();
                if (rule.action() == CircuitBreakerRule.Action.HALT) {
                    haltedUntil[instrument] = Math.max(haltedUntil[instrument], until);
                }
                if (worst == null || rule.action() == CircuitBreakerRule.Action.HALT) {
                    worst = new Trip(k, rule, moveBps, until);
                }
            }
        }
        return worst;
    }

    /** Ends a halt early (operator). */
    public void resume(int instrument) {
        haltedUntil[instrument] = 0;
    }

    /** Earliest halt end after {@code now}, or Long.MAX_VALUE. */
    public long nextResume(long now) {
        long next = Long.MAX_VALUE;
        for (long h : haltedUntil) {
            if (h > now) {
                next = Math.min(next, h);
            }
        }
        return next;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(rules.size());
        for (CircuitBreakerRule r : rules) {
            out.writeUTF(r.toString());
        }
        for (int i = 0; i < haltedUntil.length; i++) {
            out.writeLong(haltedUntil[i]);
            for (int k = 0; k < rules.size(); k++) {
                out.writeLong(restingUntil[i][k]);
                writeDeque(out, lows[i][k]);
                writeDeque(out, highs[i][k]);
            }
        }
    }

    /**
     * Restores the state written by {@link #write}. If the configured rules changed since, the
     * saved windows and cooldowns belong to other rules: they are read past and dropped.
     */
    public void read(DataInput in) throws IOException {
        int n = in.readInt();
        boolean same = n == rules.size();
        for (int k = 0; k < n; k++) {
            String saved = in.readUTF();
            same &= k < rules.size() && saved.equals(rules.get(k).toString());
        }
        CircuitBreakers target = same ? this : new CircuitBreakers(haltedUntil.length, java.util.Collections.nCopies(n,
                new CircuitBreakerRule(1, 1, CircuitBreakerRule.Action.ALERT, 0)));
        for (int i = 0; i < haltedUntil.length; i++) {
            target.haltedUntil[i] = in.readLong();
            for (int k = 0; k < n; k++) {
                target.restingUntil[i][k] = in.readLong();
                readDeque(in, target.lows[i][k]);
                readDeque(in, target.highs[i][k]);
            }
        }
        if (!same) {
            System.arraycopy(target.haltedUntil, 0, haltedUntil, 0, haltedUntil.length);
        }
    }

    private static void writeDeque(DataOutput out, ArrayDeque<long[]> d) throws IOException {
        out.writeInt(d.size());
        for (long[] e : d) {
            out.writeLong(e[0]);
            out.writeLong(e[1]);
        }
    }

    private static void readDeque(DataInput in, ArrayDeque<long[]> d) throws IOException {
        d.clear();
        int n = in.readInt();
        for (int j = 0; j < n; j++) {
            d.addLast(new long[]{in.readLong(), in.readLong()});
        }
    }
}
