package io.hyperindex.gateway.venue.hyperliquid;

/**
 * The client order id ({@code cloid}, 16 bytes as "0x" + 32 hex digits) the gateway gives an
 * order it routes to Hyperliquid: an 8-byte prefix naming this gateway, then the engine's order
 * id. It is a pure function of the order id, so after a restart the venue's orders map back to
 * the engine's without any state of the adapter's own.
 */
public final class Cloids {
    /** "hyperidx" in ASCII: the default prefix. */
    public static final long DEFAULT_PREFIX = 0x6879706572696478L;

    private Cloids() {
    }

    public static String of(long prefix, long orderId) {
        return String.format("0x%016x%016x", prefix, orderId);
    }

    /** The engine order id in {@code cloid}, or -1 if it is not one of this prefix's. */
    public static long orderId(long prefix, String cloid) {
        if (cloid == null || cloid.length() != 34 || !cloid.startsWith("0x")) {
            return -1;
        }
        try {
            long p = Long.parseUnsignedLong(cloid.substring(2, 18), 16);
            long id = Long.parseUnsignedLong(cloid.substring(18), 16);
            return p == prefix && id > 0 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
