package io.hyperindex.gateway.ops.http;

import java.nio.charset.StandardCharsets;

/**
 * A text message encoded to UTF-8 once, to be sent to any number of connections: every
 * {@link WsConnection#send(WsText)} wraps the same bytes in a frame (no copy), so a market-data
 * event fanned out to a thousand subscribers is serialised once.
 */
public final class WsText {
    private final byte[] utf8;

    private WsText(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The message {@code text}. */
    public static WsText of(String text) {
        return new WsText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A message of already-encoded UTF-8 JSON (or text); the array must not change afterwards. */
    public static WsText ofUtf8(byte[] utf8) {
        return new WsText(utf8);
    }

    /** Its size on the wire (payload bytes), which the per-connection outbound bound counts. */
    public int size() {
        return utf8.length;
    }

    byte[] bytes() {
        return utf8;
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
