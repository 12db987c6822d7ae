package io.hyperindex.gateway.api.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket client on a plain socket, doing the handshake and the framing by hand, so that a
 * test controls exactly when (and whether) it reads: it answers no pings and reads nothing
 * unless asked. Its receive buffer can be made small so that a client that stops reading
 * backs the server up quickly.
 */
final class RawWsClient implements AutoCloseable {
    /** One frame from the server (servers never mask). */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    /** Connects and upgrades; {@code receiveBuffer} 0 leaves the system's default. */
    RawWsClient(int port, String path, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        String response = head.toString(StandardCharsets.US_ASCII);
        assertTrue(response.startsWith("HTTP/1.1 101"), response);
    }

    /** Sends one masked text frame (clients must mask). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** Reads the next frame, waiting up to the socket timeout (10 s). */
    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads frames until a text frame containing {@code fragment}; returns it. */
    Frame readUntilText(String fragment) throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == 1 && f.text().contains(fragment)) {
                return f;
            }
            if (f.opcode() == 8) {
                throw new AssertionError("closed (" + f.closeCode() + " " + f.closeReason() + ") before a message with " + fragment);
            }
        }
    }

    /** Reads (and discards) everything until the close frame, which it returns; counts the text frames skipped. */
    Frame readUntilClose(long[] textFrames) throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode() == 8) {
                return f;
            }
            if (f.opcode() == 1) {
                textFrames[0]++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
