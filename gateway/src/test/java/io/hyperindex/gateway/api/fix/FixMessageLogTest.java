package io.hyperindex.gateway.api.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Log;
import quickfix.SessionID;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixMessageLogTest {
    private static final SessionID A = new SessionID("FIX.4.4", "HYPERINDEX", "MM-A");
    private static final SessionID B = new SessionID("FIX.4.4", "HYPERINDEX", "MM-B");
    private static final Pattern LINE = Pattern.compile("\\d{8}-\\d{2}:\\d{2}:\\d{2}\\.\\d{3}: (.*)");

    private static List<String> texts(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            var m = LINE.matcher(l);
            assertTrue(m.matches(), "timestamped like QuickFIX/J's FileLog: " + l);
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void linesFromManyThreadsAllArriveInEachThreadsOrderInTheirSessionsFiles(@TempDir Path dir) throws Exception {
        FixMessageLog logs = new FixMessageLog(dir, false);
        Log a = logs.create(A);
        Log b = logs.create(B);
        int perThread = 20_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Log target = t % 2 == 0 ? a : b;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (i % 2 == 0) {
                        target.onIncoming("35=D\u000111=t" + id + "-" + i + "\u0001");
                    } else {
                        target.onOutgoing("35=8\u000111=t" + id + "-" + i + "\u0001");
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        a.onEvent("logged out");
        assertTrue(logs.stop(10_000));

        for (Object[] c : new Object[][]{{A, new int[]{0, 2}}, {B, new int[]{1, 3}}}) {
            String prefix = quickfix.FileUtil.sessionIdFileName((SessionID) c[0]);
            List<String> lines = texts(dir.resolve(prefix + ".messages.log"));
            assertEquals(2 * perThread, lines.size(), "every line of both threads, none lost");
            for (int id : (int[]) c[1]) {
                int next = 0;
                for (String l : lines) {
                    if (l.contains("11=t" + id + "-")) {
                        assertTrue(l.contains("11=t" + id + "-" + next + "\u0001"), "thread " + id + " in order at " + next);
                        next++;
                    }
                }
                assertEquals(perThread, next);
            }
        }
        assertEquals(List.of("logged out"), texts(dir.resolve(quickfix.FileUtil.sessionIdFileName(A) + ".event.log")));
    }

    @Test
    void heartbeatsAreLeftOutUnlessAskedForAndClearEmptiesTheFiles(@TempDir Path dir) throws Exception {
        FixMessageLog quiet = new FixMessageLog(dir.resolve("quiet"), false);
        Log q = quiet.create(A);
        q.onIncoming("35=0\u000134=7\u0001");
        q.onIncoming("35=D\u000134=8\u0001");
        q.onEvent("before clear");
        q.clear();
        q.onOutgoing("35=8\u000134=1\u0001");
        assertTrue(quiet.stop(5_000));
        String prefix = quickfix.FileUtil.sessionIdFileName(A);
        assertEquals(List.of("35=8\u000134=1\u0001"), texts(dir.resolve("quiet").resolve(prefix + ".messages.log")),
                "cleared, then only what came after");
        assertFalse(Files.readString(dir.resolve("quiet").resolve(prefix + ".event.log")).contains("before clear"));

        FixMessageLog all = new FixMessageLog(dir.resolve("all"), true);
        Log h = all.create(A);
        h.onIncoming("35=0\u000134=7\u0001");
        h.onIncoming("35=D\u000134=8\u0001");
        assertTrue(all.stop(5_000));
        assertEquals(2, texts(dir.resolve("all").resolve(prefix + ".messages.log")).size(), "heartbeats kept when asked");
    }
}
