package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * A FIX connection without a FIX engine: builds messages by hand (so the tests can break them
 * on purpose), writes raw bytes from a chosen loopback address, and collects whatever comes back.
 */
final class RawFixConnection implements AutoCloseable {
    static final char SOH = '\u0001';
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private final Socket socket;
    private final OutputStream out;
    private final ByteArrayOutputStream in = new ByteArrayOutputStream();
    private final Thread reader;

    RawFixConnection(String localAddress, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        InputStream is = socket.getInputStream();
        reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = is.read(buf)) > 0; ) {
                    synchronized (in) {
                        in.write(buf, 0, n);
                        in.notifyAll();
                    }
                }
            } catch (IOException e) {
                // closed
            }
            synchronized (in) {
                in.notifyAll();
            }
        }, "raw-fix-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** A complete message: header fields, then {@code body} ("tag=value" fields each ended by SOH), BodyLength and CheckSum computed. */
    static String message(String msgType, int seq, String sender, String target, String sendingTime, String body) {
        String head = "35=" + msgType + SOH + "34=" + seq + SOH + "49=" + sender + SOH + "52=" + sendingTime + SOH
                + "56=" + target + SOH + body;
        return frame(head);
    }

    /** Wraps the fields after BodyLength with BeginString, BodyLength and CheckSum. */
    static String frame(String afterBodyLength) {
        String s = "8=FIX.4.4" + SOH + "9=" + afterBodyLength.getBytes(StandardCharsets.ISO_8859_1).length + SOH
                + afterBodyLength;
        return s + "10=" + checksum(s) + SOH;
    }

    static String checksum(String s) {
        int sum = 0;
        for (byte b : s.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        int c = sum % 256;
        return new String(new char[]{(char) ('0' + c / 100), (char) ('0' + c / 10 % 10), (char) ('0' + c % 10)});
    }

    static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(TIME);
    }

    /** A signed Logon with ResetSeqNumFlag=Y (sequence 1 on both sides). */
    static String logon(String sender, String target, Ed25519Key key) {
        String time = now();
        String signature = LogonSignature.sign(key, LogonSignature.canonical(time, "A", "1", sender, target, key.keyId()));
        return message("A", 1, sender, target, time, "98=0" + SOH + "108=30" + SOH + "141=Y" + SOH
                + "553=" + key.keyId() + SOH + "95=" + signature.length() + SOH + "96=" + signature + SOH);
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Everything received so far, SOH shown as '|'. */
    String received() {
        synchronized (in) {
            return in.toString(StandardCharsets.ISO_8859_1).replace(SOH, '|');
        }
    }

    /** Waits until what was received contains {@code text} (SOH as '|'); false after {@code millis}. */
    boolean awaitReceived(String text, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (in) {
            while (!received().contains(text)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || (!reader.isAlive() && !received().contains(text))) {
                    return received().contains(text);
                }
                in.wait(Math.min(left, 50));
            }
            return true;
        }
    }

    boolean isClosedByPeer() {
        return !reader.isAlive();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
