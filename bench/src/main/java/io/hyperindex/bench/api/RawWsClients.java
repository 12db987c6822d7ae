package io.hyperindex.bench.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many WebSocket client connections (RFC 6455) served by a few selector threads, for the
 * fan-out benchmark: the load generator shares the two cores with the gateway, so its cost per
 * message has to be small next to the server's. Each connection does the HTTP upgrade, sends
 * one text message (masked, as a client must), answers pings with pongs, and hands every text
 * message's payload bytes, in place, to a {@link Listener}. No per-message allocation; a
 * message larger than the connection's buffer, a fragmented message or a close frame from the
 * server end that connection with an error (the benchmark counts them).
 */
final class RawWsClients implements AutoCloseable {

    /**
     * Called on a selector thread with a text message's payload ({@code buf[from, to)}) and the
     * time (epoch ns) the read that brought its last byte returned.
     */
    interface Listener {
        void onText(int connection, byte[] buf, int from, int to, long receivedEpochNanos);
    }

    /** Each connection's receive buffer: the largest message it takes. */
    static final int BUFFER_BYTES = 64 << 10;
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure;

    RawWsClients(int threads) throws IOException {
        for (int i = 0; i < threads; i++) {
            Loop l = new Loop(i);
            loops.add(l);
            l.thread.start();
        }
    }

    /**
     * Opens {@code count} connections to {@code ws://host:port/path}, each sending {@code firstMessage}
     * once upgraded, and returns when all are open (or throws after {@code timeoutMillis}).
     */
    void open(InetSocketAddress server, String path, int count, String firstMessage, Listener listener, long timeoutMillis)
            throws IOException, InterruptedException {
        AtomicLong upgraded = new AtomicLong();
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(server); // blocking connect on loopback: quick, and keeps the accept queue short
            ch.configureBlocking(false);
            Conn c = new Conn(i, ch, handshake(server, path), frame(firstMessage), listener, upgraded);
            loops.get(i % loops.size()).add(c);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (upgraded.get() + failures.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException(upgraded.get() + " of " + count + " connections upgraded in time");
            }
            Thread.sleep(5);
        }
        if (failures.get() > 0) {
            throw new IOException(failures.get() + " connections failed: " + firstFailure);
        }
    }

    long failures() {
        return failures.get();
    }

    String firstFailure() {
        return firstFailure;
    }

    @Override
    public void close() {
        for (Loop l : loops) {
            l.running = false;
            l.selector.wakeup();
        }
        for (Loop l : loops) {
            try {
                l.thread.join(2_000);
                for (SelectionKey k : l.selector.keys()) {
                    k.channel().close();
                }
                l.selector.close();
            } catch (IOException | InterruptedException ignored) {
                // closing anyway
            }
        }
    }

    private static ByteBuffer handshake(InetSocketAddress server, String path) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String req = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        return ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
    }

    /** A masked client frame (FIN, {@code opcode}) carrying {@code payload}. */
    private static ByteBuffer frame(int opcode, byte[] payload, int from, int len) {
        ByteBuffer b = ByteBuffer.allocate(14 + len);
        b.put((byte) (0x80 | opcode));
        if (len < 126) {
            b.put((byte) (0x80 | len));
        } else if (len < 65536) {
            b.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            b.put((byte) (0x80 | 127)).putLong(len);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.put(mask);
        for (int i = 0; i < len; i++) {
            b.put((byte) (payload[from + i] ^ mask[i & 3]));
        }
        return b.flip();
    }

    private static ByteBuffer frame(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        return frame(1, p, 0, p.length);
    }

    private void fail(Conn c, String why) {
        if (failures.incrementAndGet() == 1) {
            firstFailure = "connection " + c.id + ": " + why;
        }
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // already failed
        }
    }

    private final class Loop implements Runnable {
        final Selector selector;
        final Thread thread;
        final java.util.concurrent.ConcurrentLinkedQueue<Conn> added = new java.util.concurrent.ConcurrentLinkedQueue<>();
        volatile boolean running = true;

        Loop(int i) throws IOException {
            selector = Selector.open();
            thread = new Thread(this, "ws-client-" + i);
            thread.setDaemon(true);
        }

        void add(Conn c) {
            added.add(c);
            selector.wakeup();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    selector.select(100);
                    for (Conn c = added.poll(); c != null; c = added.poll()) {
                        c.key = c.channel.register(selector, SelectionKey.OP_WRITE | SelectionKey.OP_READ, c);
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        Conn c = (Conn) k.attachment();
                        try {
                            if (k.isValid() && k.isWritable()) {
                                c.flushOut();
                            }
                            if (k.isValid() && k.isReadable()) {
                                c.read();
                            }
                        } catch (IOException | RuntimeException e) {
                            k.cancel();
                            fail(c, e.toString());
                        }
                    }
                } catch (IOException e) {
                    if (running) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
    }

    private final class Conn {
        final int id;
        final SocketChannel channel;
        final Listener listener;
        final AtomicLong upgraded;
        final ByteBuffer in = ByteBuffer.allocate(BUFFER_BYTES);
        final List<ByteBuffer> out = new ArrayList<>();
        final ByteBuffer first;
        boolean open;
        SelectionKey key;

        Conn(int id, SocketChannel channel, ByteBuffer handshake, ByteBuffer first, Listener listener, AtomicLong upgraded) {
            this.id = id;
            this.channel = channel;
            this.listener = listener;
            this.upgraded = upgraded;
            this.first = first;
            out.add(handshake);
        }

        void flushOut() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer b = out.get(0);
                channel.write(b);
                if (b.hasRemaining()) {
                    return;
                }
                out.remove(0);
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        void send(ByteBuffer b) throws IOException {
            out.add(b);
            flushOut();
            if (!out.isEmpty()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        void read() throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                throw new IOException("server closed the connection");
            }
            long now = epochNanos();
            byte[] b = in.array();
            int end = in.position();
            int pos = 0;
            if (!open) {
                int headerEnd = indexOf(b, end, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (headerEnd < 0) {
                    return;
                }
                String status = new String(b, 0, Math.min(headerEnd, 64), StandardCharsets.US_ASCII);
                if (!status.startsWith("HTTP/1.1 101")) {
                    throw new IOException("upgrade refused: " + status);
                }
                open = true;
                pos = headerEnd + 4;
                upgraded.incrementAndGet();
                send(first);
            }
            while (end - pos >= 2) {
                int b0 = b[pos] & 0xff;
                int b1 = b[pos + 1] & 0xff;
                if ((b1 & 0x80) != 0) {
                    throw new IOException("masked frame from the server");
                }
                long len = b1 & 0x7f;
                int header = 2;
                if (len == 126) {
                    if (end - pos < 4) {
                        break;
                    }
                    len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
                    header = 4;
                } else if (len == 127) {
                    if (end - pos < 10) {
                        break;
                    }
                    len = ByteBuffer.wrap(b, pos + 2, 8).getLong();
                    header = 10;
                }
                if (header + len > in.capacity()) {
                    throw new IOException("message of " + len + " bytes exceeds the client buffer");
                }
                if (end - pos < header + len) {
                    break;
                }
                int from = pos + header;
                int to = (int) (from + len);
                int opcode = b0 & 0x0f;
                if ((b0 & 0x80) == 0 || opcode == 0) {
                    throw new IOException("fragmented message");
                }
                switch (opcode) {
                    case 1 -> listener.onText(id, b, from, to, now);
                    case 9 -> send(frame(10, b, from, to - from));
                    case 10 -> { }
                    case 8 -> throw new IOException("close frame from the server, code "
                            + (len >= 2 ? ((b[from] & 0xff) << 8 | (b[from + 1] & 0xff)) : 0));
                    default -> throw new IOException("unexpected opcode " + opcode);
                }
                pos = to;
            }
            // keep the partial frame at the start of the buffer
            System.arraycopy(b, pos, b, 0, end - pos);
            in.position(end - pos);
        }
    }

    static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** True if {@code b[from, to)} starts with {@code prefix}. */
    static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code what} in {@code b[0, end)}, or -1. */
    static int indexOf(byte[] b, int end, byte[] what) {
        return indexOf(b, 0, end, what);
    }

    /** The index of {@code what} in {@code b[from, end)}, or -1. */
    static int indexOf(byte[] b, int from, int end, byte[] what) {
        outer:
        for (int i = from; i <= end - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
