package io.hyperindex.gateway.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's zero-filled space ahead of the records: never read as records, never a torn tail. */
class JournalPreallocationTest {

    private static ByteBuffer payload(long sequence) {
        byte[] b = new byte[40 + (int) (sequence % 7)];
        java.util.Arrays.fill(b, (byte) (sequence | 1)); // never zero, like a real record
        return ByteBuffer.wrap(b);
    }

    private static List<Long> read(Path dir, boolean repair, JournalReader.ScanResult[] out) throws Exception {
        List<Long> seen = new ArrayList<>();
        out[0] = JournalReader.scan(dir, 0, repair, (seq, p) -> {
            assertEquals(payload(seq), p);
            seen.add(seq);
        });
        return seen;
    }

    @Test
    void aCrashLeavesZerosThatAreTheEndOfTheJournal(@TempDir Path dir) throws Exception {
        JournalWriter w = new JournalWriter(dir, FsyncPolicy.EVERY_BATCH, 256L << 20, 0, null);
        for (long s = 1; s <= 100; s++) {
            w.append(s, payload(s));
            if (s % 10 == 0) {
                w.commit();
            }
        }
        // no close: as after a crash, the zero-filled space is still in the file
        Path seg = JournalFiles.segments(dir).get(0);
        long written = w.bytesWritten() + JournalFiles.SEGMENT_HEADER_BYTES;
        assertTrue(Files.size(seg) > written, "zero-filled space after the records");

        JournalReader.ScanResult[] r = new JournalReader.ScanResult[1];
        assertEquals(100, read(dir, false, r).size());
        assertEquals(0, r[0].tornTailBytes(), "zeros are not a torn tail");
        assertEquals(100, r[0].lastSequence());

        assertEquals(100, read(dir, true, r).size());
        assertEquals(written, Files.size(seg), "repair cuts the zeros off");

        try (JournalWriter again = new JournalWriter(dir, FsyncPolicy.EVERY_BATCH, 256L << 20, 100, seg)) {
            for (long s = 101; s <= 150; s++) {
                again.append(s, payload(s));
            }
            again.commit();
        }
        List<Long> all = read(dir, true, r);
        assertEquals(150, all.size());
        assertEquals(150L, all.get(149));
        assertEquals(0, r[0].tornTailBytes());
    }

    @Test
    void closeAndRollLeaveNoZeros(@TempDir Path dir) throws Exception {
        try (JournalWriter w = new JournalWriter(dir, FsyncPolicy.NONE, 1 << 20, 0, null)) {
            for (long s = 1; s <= 30_000; s++) {
                w.append(s, payload(s));
                if (s % 100 == 0) {
                    w.commit();
                }
            }
            w.commit();
        }
        List<Path> segments = JournalFiles.segments(dir);
        assertTrue(segments.size() > 1, "rolled");
        for (Path seg : segments) {
            byte[] b = Files.readAllBytes(seg);
            assertTrue(b[b.length - 1] != 0 || b[b.length - 2] != 0 || b[b.length - 3] != 0 || b[b.length - 4] != 0,
                    seg + " ends in a record, not in zero fill");
        }
        JournalReader.ScanResult[] r = new JournalReader.ScanResult[1];
        assertEquals(30_000, read(dir, false, r).size());
        assertEquals(0, r[0].tornTailBytes());
    }
}
