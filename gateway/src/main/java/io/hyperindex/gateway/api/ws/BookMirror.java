package io.hyperindex.gateway.api.ws;

import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Side;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fan-out thread's copy of one L2 book, loaded from an engine snapshot and kept current
 * by the engine's deltas in sequence order. New subscribers get their snapshot from it, so a
 * subscription never waits for the engine thread. Not thread-safe: the fan-out thread owns it.
 */
final class BookMirror {
    /** Price to open quantity, best first. */
    final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();
    /** The sequence of the last delta applied (or of the snapshot); -1 while not loaded. */
    private long sequence = -1;

    boolean loaded() {
        return sequence >= 0;
    }

    long sequence() {
        return sequence;
    }

    void load(BookSnapshot s) {
        bids.clear();
        asks.clear();
        for (BookSnapshot.Level l : s.bids()) {
            bids.put(l.price(), l.quantity());
        }
        for (BookSnapshot.Level l : s.asks()) {
            asks.put(l.price(), l.quantity());
        }
        sequence = s.bookSequence();
    }

    /** Forgets the book until the next {@link #load}: after a gap the mirror cannot be trusted. */
    void invalidate() {
        sequence = -1;
    }

    /** What to do with a delta. */
    enum Fit { APPLIED, STALE, GAP }

    /** Applies {@code d} if it is the next delta; reports an older one as STALE and a later one as a GAP (nothing changes). */
    Fit apply(EngineEvent.BookDelta d) {
        if (d.bookSequence() <= sequence) {
            return Fit.STALE;
        }
        if (d.bookSequence() != sequence + 1) {
            return Fit.GAP;
        }
        for (EngineEvent.LevelUpdate u : d.levels()) {
            Map<Long, Long> side = u.side() == Side.BUY ? bids : asks;
            if (u.quantity() == 0) {
                side.remove(u.price());
            } else {
                side.put(u.price(), u.quantity());
            }
        }
        sequence = d.bookSequence();
        return Fit.APPLIED;
    }
}
