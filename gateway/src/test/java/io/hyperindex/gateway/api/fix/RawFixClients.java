package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import quickfix.SessionID;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static io.hyperindex.gateway.api.fix.RawFixConnection.SOH;

/**
 * The FIX load tool's light client: N FIX 4.4 initiator sessions without a FIX engine, all read
 * by one selector thread, written by the caller's thread. It logs on with a signed Logon
 * (ResetSeqNumFlag=Y), sends NewOrderSingles, answers TestRequests, and hands every
 * ExecutionReport New (ExecType 0) to a callback by its ClOrdID. A QuickFIX/J initiator costs
 * the shared two cores of a benchmark machine several times more per message than this; with
 * this client the machine's CPU goes to the acceptor under test. Incoming sequence numbers are
 * not checked (nothing is resent on a loopback run); a session-level Reject or
 * BusinessMessageReject is counted, and {@link #rejects()} shows whether the encoding is right.
 */
final class RawFixClients implements AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();
    private final Selector selector;
    private final Thread reader;
    private final Consumer<String> onNew;
    private final CountDownLatch loggedOn;
    private final AtomicLong rejects = new AtomicLong();
    private volatile String firstReject;
    private volatile boolean closing;

    private final class Connection {
        final SocketChannel channel;
        final String sender;
        final String target;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        int seq = 1; // the Logon is 1

        Connection(SocketChannel channel, SessionID id) {
            this.channel = channel;
            this.sender = id.getSenderCompID();
            this.target = id.getTargetCompID();
        }

        /** Frames {@code body} (fields after the header) as the next message, sent at {@code time}; the caller holds this connection. */
        void write(String msgType, String time, String body) throws IOException {
            writeRaw(RawFixConnection.message(msgType, ++seq, sender, target, time, body));
        }

        void writeRaw(String message) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(message.getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    LockSupport.parkNanos(20_000); // the socket buffer is full: the acceptor is behind
                }
            }
        }
    }

    /**
     * Connects one session per id (SenderCompID is the partner's) to {@code port} on loopback and
     * sends each a Logon signed with its key.
     *
     * @param onNew called on the reader thread with the ClOrdID of every ExecutionReport New
     */
    RawFixClients(int port, List<SessionID> ids, List<Ed25519Key> keys, Consumer<String> onNew) throws IOException {
        this.onNew = onNew;
        this.loggedOn = new CountDownLatch(ids.size());
        this.selector = Selector.open();
        for (int i = 0; i < ids.size(); i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Connection c = new Connection(ch, ids.get(i));
            connections.add(c);
            ch.register(selector, SelectionKey.OP_READ, c);
        }
        reader = new Thread(this::readLoop, "raw-fix-clients");
        reader.setDaemon(true);
        reader.start();
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            String logon = RawFixConnection.logon(c.sender, c.target, keys.get(i));
            synchronized (c) {
                c.writeRaw(logon);
            }
        }
    }

    /** Waits until every session's Logon was answered; false after {@code millis}. */
    boolean awaitLoggedOn(long millis) throws InterruptedException {
        return loggedOn.await(millis, TimeUnit.MILLISECONDS);
    }

    int sessions() {
        return connections.size();
    }

    /** Sends an IOC limit buy of 0.01 BTC-USDC at 90,000 on session {@code session}. */
    void sendOrder(int session, String clOrdId) throws IOException {
        Connection c = connections.get(session);
        synchronized (c) {
            String time = RawFixConnection.now();
            c.write("D", time, "11=" + clOrdId + SOH + "54=1" + SOH + "60=" + time + SOH + "40=2" + SOH + "55=BTC-USDC" + SOH
                    + "38=0.01" + SOH + "44=90000" + SOH + "59=3" + SOH);
        }
    }

    /** Session-level Rejects (3) and BusinessMessageRejects (j) received. */
    long rejects() {
        return rejects.get();
    }

    /** The first reject received, SOH shown as '|'; null if none. */
    String firstReject() {
        return firstReject;
    }

    private void readLoop() {
        try {
            while (!closing) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    Connection c = (Connection) k.attachment();
                    if (c.channel.read(c.in) < 0) {
                        k.cancel();
                        continue;
                    }
                    frames(c);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!closing) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Handles every complete message in {@code c.in}, keeps a partial one for the next read. */
    private void frames(Connection c) throws IOException {
        ByteBuffer b = c.in;
        b.flip();
        while (true) {
            int start = b.position();
            int lenAt = indexOf(b, start, "\u00019=");
            if (lenAt < 0) {
                break;
            }
            int lenEnd = indexOf(b, lenAt + 3, "\u0001");
            if (lenEnd < 0) {
                break;
            }
            int bodyLength = Integer.parseInt(ascii(b, lenAt + 3, lenEnd));
            int end = lenEnd + 1 + bodyLength + 7; // "10=nnn" and its SOH
            if (end > b.limit()) {
                break;
            }
            onMessage(c, ascii(b, lenEnd + 1, lenEnd + 1 + bodyLength));
            b.position(end);
        }
        b.compact();
    }

    private void onMessage(Connection c, String body) throws IOException {
        String type = field(body, "35");
        if (type == null) {
            return;
        }
        switch (type) {
            case "8" -> {
                if ("0".equals(field(body, "150"))) {
                    onNew.accept(field(body, "11"));
                }
            }
            case "A" -> loggedOn.countDown();
            case "1" -> {
                synchronized (c) {
                    c.write("0", RawFixConnection.now(), "112=" + field(body, "112") + SOH);
                }
            }
            case "3", "j" -> {
                rejects.incrementAndGet();
                if (firstReject == null) {
                    firstReject = body.replace(SOH, '|');
                }
            }
            default -> {
            }
        }
    }

    /** The value of {@code tag} in a message body (fields after BodyLength), or null. */
    static String field(String body, String tag) {
        String key = tag + "=";
        int at = body.startsWith(key) ? 0 : -1;
        if (at < 0) {
            int i = body.indexOf(SOH + key);
            at = i < 0 ? -1 : i + 1;
        }
        if (at < 0) {
            return null;
        }
        int end = body.indexOf(SOH, at);
        return body.substring(at + key.length(), end < 0 ? body.length() : end);
    }

    private static int indexOf(ByteBuffer b, int from, String s) {
        outer:
        for (int i = from; i + s.length() <= b.limit(); i++) {
            for (int j = 0; j < s.length(); j++) {
                if (b.get(i + j) != (byte) s.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String ascii(ByteBuffer b, int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = b.get(from + i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Sends a Logout on every session, then closes the sockets and the reader. */
    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            synchronized (c) {
                try {
                    c.write("5", RawFixConnection.now(), "");
                } catch (IOException e) {
                    // already closed by the acceptor
                }
            }
        }
        closing = true;
        selector.wakeup();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : connections) {
            c.channel.close();
        }
        selector.close();
    }
}
