package io.hyperindex.gateway.ops.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-built frame of a {@link WsText} is what Netty's own RFC 6455 decoder reads back, at every length encoding. */
class WsTextTest {

    @Test
    void framesDecodeToTheTextAtEveryLengthEncoding() {
        for (int len : new int[]{0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            String text = "x".repeat(Math.max(0, len - 1)) + (len > 0 ? "z" : "");
            WsText m = WsText.of(text);
            assertEquals(len, m.size());
            int header = len < 126 ? 2 : len < 65_536 ? 4 : 10;
            assertEquals(header + len, m.frameSize());
            // a client-side decoder: server frames are unmasked
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
            ByteBuf f = m.frame();
            client.writeInbound(f.copy());
            TextWebSocketFrame got = client.readInbound();
            assertTrue(got.isFinalFragment());
            assertEquals(text, got.text());
            got.release();
            // each view is independent: reading one does not consume the message
            assertEquals(header + len, m.frame().readableBytes());
            assertEquals(text, m.toString());
            client.finishAndReleaseAll();
        }
    }
}
