package io.hyperindex.gateway.api.fix;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts failed Logons per remote host over a sliding minute; past the allowance further Logons
 * from that host are refused unchecked until the oldest failure leaves the window. Thread-safe.
 */
final class LogonThrottle {
    private static final long WINDOW_NANOS = 60_000_000_000L;
    private final int failuresPerMinute;
    private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

    LogonThrottle(int failuresPerMinute) {
        this.failuresPerMinute = failuresPerMinute;
    }

    /** Seconds until {@code host} may try again, or 0 if it may try now. */
    synchronized long retryAfterSeconds(String host, long nowNanos) {
        ArrayDeque<Long> q = host == null ? null : failures.get(host);
        if (q == null) {
            return 0;
        }
        while (!q.isEmpty() && nowNanos - q.peekFirst() >= WINDOW_NANOS) {
            q.pollFirst();
        }
        if (q.isEmpty()) {
            failures.remove(host);
            return 0;
        }
        return q.size() < failuresPerMinute ? 0 : 1 + (WINDOW_NANOS - (nowNanos - q.peekFirst())) / 1_000_000_000L;
    }

    /** Records one failed Logon from {@code host}. */
    synchronized void failed(String host, long nowNanos) {
        if (host == null) {
            return; // the connection is already gone: nothing to throttle, and no shared bucket for all such
        }
        ArrayDeque<Long> q = failures.computeIfAbsent(host, h -> new ArrayDeque<>());
        q.addLast(nowNanos);
        while (q.size() > failuresPerMinute) {
            q.pollFirst();
        }
    }

    /** The host part of a QuickFIX/J remote address such as "/127.0.0.1:53122"; null if there is none. */
    static String hostOf(String remoteAddress) {
        if (remoteAddress == null) {
            return null;
        }
        String s = remoteAddress.startsWith("/") ? remoteAddress.substring(1) : remoteAddress;
        int colon = s.lastIndexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }
}
