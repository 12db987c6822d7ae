package io.hyperindex.gateway.venue.hyperliquid;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Nonces for one signer: the wall clock in milliseconds, but always above the last one handed
 * out, from any thread (Hyperliquid keeps a signer's 100 highest nonces and refuses a reused
 * or too old one).
 */
public final class Nonces {
    private final AtomicLong last = new AtomicLong();
    private final LongSupplier clockMillis;

    public Nonces(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    public long next() {
        long now = clockMillis.getAsLong();
        return last.updateAndGet(prev -> Math.max(prev + 1, now));
    }
}
