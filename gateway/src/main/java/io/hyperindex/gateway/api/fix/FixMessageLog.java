package io.hyperindex.gateway.api.fix;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.FileUtil;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The FIX sessions' message and event logs, written by one background thread: the same files and
 * line format as QuickFIX/J's {@code FileLog} ({@code <session>.messages.log} and
 * {@code <session>.event.log} under the log directory, each line {@code yyyyMMdd-HH:mm:ss.SSS: text}),
 * but a session thread or report lane only queues the line. QuickFIX/J's FileLog writes and
 * flushes every message on the thread that sends or receives it: three file writes on the way of
 * every order (the NewOrderSingle in, its two reports out).
 *
 * <p>The writer drains the queue into buffered files and flushes them whenever the queue is
 * empty, so a line reaches the operating system within about a millisecond of being logged. A
 * {@code kill -9} loses at most the lines still queued; the message store that resends use is
 * separate and written as before. The queue is bounded: when the disk falls behind, a logging
 * thread waits for room, so no line is dropped and memory cannot grow without limit.
 */
final class FixMessageLog implements LogFactory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FixMessageLog.class);
    /** A line's time to the second; the writer appends the milliseconds. */
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final int QUEUE = 1 << 16;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** After a second with nothing to write, the writer looks every 10 ms instead. */
    private static final long QUIET_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** A line for one file, or (text null) a request to empty both files of a session. */
    private record Line(SessionFiles files, boolean event, long millis, String text) {
    }

    private final Path dir;
    private final boolean heartbeats;
    private final ManyToOneConcurrentArrayQueue<Line> queue = new ManyToOneConcurrentArrayQueue<>(QUEUE);
    private final java.util.concurrent.ConcurrentHashMap<String, SessionFiles> byPrefix = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param dir        where the files are (created if missing)
     * @param heartbeats whether Heartbeat (0) messages are logged, as {@code FileLogHeartbeats}
     */
    FixMessageLog(Path dir, boolean heartbeats) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.heartbeats = heartbeats;
        this.writer = new Thread(this::writeLoop, "fix-message-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public Log create(SessionID id) {
        String prefix = FileUtil.sessionIdFileName(id);
        SessionFiles files = byPrefix.computeIfAbsent(prefix,
                p -> new SessionFiles(dir.resolve(p + ".messages.log"), dir.resolve(p + ".event.log")));
        return new Log() {
            @Override
            public void clear() {
                enqueue(new Line(files, false, 0, null));
            }

            @Override
            public void onIncoming(String message) {
                message(message);
            }

            @Override
            public void onOutgoing(String message) {
                message(message);
            }

            private void message(String message) {
                if (heartbeats || !message.contains("\u000135=0\u0001")) {
                    enqueue(new Line(files, false, System.currentTimeMillis(), message));
                }
            }

            @Override
            public void onEvent(String text) {
                enqueue(new Line(files, true, System.currentTimeMillis(), text));
            }

            @Override
            public void onErrorEvent(String text) {
                enqueue(new Line(files, true, System.currentTimeMillis(), text));
            }
        };
    }

    private void enqueue(Line line) {
        while (!queue.offer(line)) {
            if (!running) {
                return; // closed: nothing writes any more
            }
            LockSupport.parkNanos(50_000); // the disk is behind: wait for room rather than drop or grow
        }
    }

    private void writeLoop() {
        List<SessionFiles> dirty = new ArrayList<>();
        int idle = 0;
        while (true) {
            Line line = queue.poll();
            if (line == null) {
                flush(dirty);
                if (!running && queue.isEmpty()) {
                    break;
                }
                LockSupport.parkNanos(++idle < 1_000 ? IDLE_PARK_NANOS : QUIET_PARK_NANOS);
                continue;
            }
            idle = 0;
            try {
                SessionFiles f = line.files();
                if (!f.dirty) {
                    f.dirty = true;
                    dirty.add(f);
                }
                if (line.text() == null) {
                    f.truncate();
                } else {
                    f.write(line.event(), line.millis(), line.text());
                }
            } catch (IOException | UncheckedIOException e) {
                log.warn("FIX message log: {} not written: {}", line.files().messages, e.toString());
            }
        }
        for (SessionFiles f : byPrefix.values()) {
            f.close();
        }
    }

    private static void flush(List<SessionFiles> dirty) {
        for (SessionFiles f : dirty) {
            f.dirty = false;
            try {
                f.flush();
            } catch (IOException e) {
                log.warn("FIX message log: {} not flushed: {}", f.messages, e.toString());
            }
        }
        dirty.clear();
    }

    /** Writes what is queued, closes the files and stops the writer; waits up to {@code millis}. */
    boolean stop(long millis) throws InterruptedException {
        running = false;
        writer.join(millis);
        return !writer.isAlive();
    }

    @Override
    public void close() {
        try {
            stop(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One session's two files, opened for appending on first use; touched by the writer thread only (closed by it at the end). */
    private final class SessionFiles {
        final Path messages;
        final Path events;
        private OutputStream messagesOut;
        private OutputStream eventsOut;
        private long lastSecond = Long.MIN_VALUE;
        private byte[] secondText;
        boolean dirty;

        SessionFiles(Path messages, Path events) {
            this.messages = messages;
            this.events = events;
        }

        void write(boolean event, long millis, String text) throws IOException {
            OutputStream out = event ? events() : messages();
            long second = Math.floorDiv(millis, 1000);
            if (second != lastSecond) {
                lastSecond = second;
                secondText = SECOND.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
            }
            int ms = (int) Math.floorMod(millis, 1000);
            out.write(secondText);
            out.write('.');
            out.write('0' + ms / 100);
            out.write('0' + ms / 10 % 10);
            out.write('0' + ms % 10);
            out.write(':');
            out.write(' ');
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.write('\n');
        }

        void flush() throws IOException {
            if (messagesOut != null) {
                messagesOut.flush();
            }
            if (eventsOut != null) {
                eventsOut.flush();
            }
        }

        void truncate() throws IOException {
            close();
            messagesOut = open(messages, false);
            eventsOut = open(events, false);
        }

        private OutputStream messages() throws IOException {
            if (messagesOut == null) {
                messagesOut = open(messages, true);
            }
            return messagesOut;
        }

        private OutputStream events() throws IOException {
            if (eventsOut == null) {
                eventsOut = open(events, true);
            }
            return eventsOut;
        }

        private OutputStream open(Path p, boolean append) throws IOException {
            return new BufferedOutputStream(new FileOutputStream(p.toFile(), append), 1 << 16);
        }

        void close() {
            for (OutputStream o : new OutputStream[]{messagesOut, eventsOut}) {
                if (o != null) {
                    try {
                        o.close();
                    } catch (IOException e) {
                        log.warn("FIX message log: close failed: {}", e.toString());
                    }
                }
            }
            messagesOut = null;
            eventsOut = null;
        }
    }
}
