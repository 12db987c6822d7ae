package io.hyperindex.gateway.book;

import io.hyperindex.gateway.domain.Side;

/**
 * The price levels of one side, kept in a sorted array with the best level at the end, so
 * that the common operations (touching the top, inserting near the top) shift few entries.
 * Levels are ordered by a key that grows toward the best price: the price for bids, minus
 * the price for asks.
 */
final class BookSide {
    final Side side;
    private long[] keys = new long[64];
    private Level[] levels = new Level[64];
    private int size;
    private Level free;

    BookSide(Side side) {
        this.side = side;
    }

    private long key(long price) {
        return side == Side.BUY ? price : -price;
    }

    int size() {
        return size;
    }

    /** Best level, or null when the side is empty. */
    Level best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** Level at rank {@code i} from the best (0 = best). */
    Level fromBest(int i) {
        return levels[size - 1 - i];
    }

    /** True if {@code price} on this side would trade against an opposite level at {@code levelPrice}. */
    boolean crosses(long price, long levelPrice) {
        return side == Side.BUY ? price >= levelPrice : price <= levelPrice;
    }

    Level find(long price) {
        int i = search(key(price));
        return i >= 0 ? levels[i] : null;
    }

    private int search(long key) {
        // scan from the top first: most activity is near the best price
        int hi = size - 1;
        if (hi >= 0 && keys[hi] == key) {
            return hi;
        }
        int lo = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    Level findOrCreate(long price) {
        long key = key(price);
        int i = search(key);
        if (i >= 0) {
            return levels[i];
        }
        int at = -(i + 1);
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            levels = java.util.Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(levels, at, levels, at + 1, size - at);
        Level l = free;
        if (l != null) {
            free = l.nextFree;
            l.nextFree = null;
        } else {
            l = new Level();
        }
        l.price = price;
        l.total = 0;
        l.count = 0;
        keys[at] = key;
        levels[at] = l;
        size++;
        return l;
    }

    /** Removes an empty level. */
    void remove(Level l) {
        int i = search(key(l.price));
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(levels, i + 1, levels, i, size - i - 1);
        size--;
        levels[size] = null;
        l.head = null;
        l.tail = null;
        l.nextFree = free;
        free = l;
    }
}
