package io.hyperindex.gateway.ops.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text message encoded once, as a whole WebSocket frame, to be sent to any number of
 * connections. A server frame is not masked (RFC 6455 section 5.1), so its bytes are the same
 * for every client: the frame header and the UTF-8 payload are laid out once in a direct
 * buffer, and every {@link WsConnection#send(WsText)} writes a view of that buffer to its
 * socket. A market-data event fanned out to a thousand subscribers is serialised, framed and
 * copied into native memory once, not once per subscriber (Netty would otherwise encode each
 * frame's header and copy each heap payload into a direct buffer for the socket write).
 *
 * <p>The buffer is a JDK direct buffer whose native memory is freed when the last view of it
 * is garbage; the views are unreleasable, so no reference count can free it under another
 * connection's write.
 */
public final class WsText {
    private static final int OPCODE_TEXT_FIN = 0x81;
    private final int payloadBytes;
    private final ByteBuf frame;

    private WsText(byte[] utf8) {
        payloadBytes = utf8.length;
        int header = utf8.length < 126 ? 2 : utf8.length < 65_536 ? 4 : 10;
        ByteBuffer b = ByteBuffer.allocateDirect(header + utf8.length);
        b.put((byte) OPCODE_TEXT_FIN);
        if (header == 2) {
            b.put((byte) utf8.length);
        } else if (header == 4) {
            b.put((byte) 126).putShort((short) utf8.length);
        } else {
            b.put((byte) 127).putLong(utf8.length);
        }
        b.put(utf8).flip();
        frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(b).asReadOnly());
    }

    /** The message {@code text}. */
    public static WsText of(String text) {
        return new WsText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A message of already-encoded UTF-8 JSON (or text); the array may be reused afterwards. */
    public static WsText ofUtf8(byte[] utf8) {
        return new WsText(utf8);
    }

    /** Its size on the wire (payload bytes), which the per-connection outbound bound counts. */
    public int size() {
        return payloadBytes;
    }

    /** Bytes of the whole frame (header and payload). */
    int frameSize() {
        return frame.readableBytes();
    }

    /** A view of the whole frame (header and payload) for one write; each call gives a new view. */
    ByteBuf frame() {
        return frame.duplicate();
    }

    @Override
    public String toString() {
        ByteBuf f = frame();
        return f.toString(f.readableBytes() - payloadBytes, payloadBytes, StandardCharsets.UTF_8);
    }
}
