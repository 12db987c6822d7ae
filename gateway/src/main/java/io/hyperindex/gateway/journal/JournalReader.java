package io.hyperindex.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and validates the journal of a data directory. Every record's length, CRC32C and
 * sequence are checked. A bad record at the end of the last segment with no valid record
 * after it is a torn tail (a write cut short by a crash): it is reported and, in repair
 * mode, truncated. A bad record anywhere else is corruption: {@link JournalCorruptedException}
 * names the file and offset. The writer zero-fills a segment ahead of its records
 * ({@link JournalWriter}): a run of zero bytes from a record boundary to the end of a segment
 * is space never written, the end of the journal, not a torn tail (in repair mode it is cut
 * off, so that appending continues at the last record).
 */
public final class JournalReader {

    /** Receives each valid record with a sequence above the starting point. */
    @FunctionalInterface
    public interface RecordVisitor {
        void onRecord(long sequence, ByteBuffer payload) throws IOException;
    }

    /**
     * What a scan found.
     *
     * @param lastSequence  the last valid sequence (or the starting point if none followed it)
     * @param lastSegment   the segment to continue appending to, or null to start a new one
     * @param tornTailBytes bytes found (and, when repairing, cut) after the last valid record
     * @param tornTailFile  the file that had a torn tail, or null
     * @param records       records visited
     */
    public record ScanResult(long lastSequence, Path lastSegment, long tornTailBytes, Path tornTailFile, long records) {
    }

    private JournalReader() {
    }

    /**
     * Visits every record with sequence greater than {@code afterSequence}, in order.
     *
     * @param repair truncate a torn tail (recovery) rather than only reporting it (read-only tools)
     */
    public static ScanResult scan(Path dir, long afterSequence, boolean repair, RecordVisitor visitor) throws IOException {
        List<Path> segments = JournalFiles.segments(dir);
        int first = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (JournalFiles.sequenceOf(segments.get(i)) <= afterSequence + 1) {
                first = i; // the last segment that starts at or before the first record we need
            }
        }
        long expected = segments.isEmpty() ? afterSequence + 1 : Math.min(afterSequence + 1, JournalFiles.sequenceOf(segments.get(first)));
        long visited = 0;
        long torn = 0;
        Path tornFile = null;
        for (int i = first; i < segments.size(); i++) {
            Path seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            long start = JournalFiles.sequenceOf(seg);
            if (start != expected) {
                throw new JournalCorruptedException(seg, 0, "segment starts at sequence " + start + ", expected " + expected);
            }
            try (FileChannel ch = FileChannel.open(seg, repair && last
                    ? new StandardOpenOption[]{StandardOpenOption.READ, StandardOpenOption.WRITE}
                    : new StandardOpenOption[]{StandardOpenOption.READ})) {
                long size = ch.size();
                ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.BIG_ENDIAN);
                if (size < JournalFiles.SEGMENT_HEADER_BYTES || all.getLong(0) != JournalFiles.SEGMENT_MAGIC
                        || all.getLong(8) != start) {
                    if (last && size < JournalFiles.SEGMENT_HEADER_BYTES) {
                        // a crash while creating the segment: nothing in it was ever acknowledged
                        torn = size;
                        tornFile = seg;
                        if (repair) {
                            ch.close();
                            java.nio.file.Files.delete(seg);
                        }
                        return new ScanResult(expected - 1, null, torn, tornFile, visited);
                    }
                    throw new JournalCorruptedException(seg, 0, "bad segment header");
                }
                long pos = JournalFiles.SEGMENT_HEADER_BYTES;
                while (pos < size) {
                    if (zerosFrom(all, pos, size)) {
                        if (repair && last) {
                            ch.truncate(pos);
                        }
                        break;
                    }
                    String problem = check(all, pos, size, expected);
                    if (problem != null) {
                        if (!last || validRecordAfter(all, pos + 1, size, expected)) {
                            throw new JournalCorruptedException(seg, pos, problem);
                        }
                        torn = size - pos;
                        tornFile = seg;
                        if (repair) {
                            ch.truncate(pos);
                            ch.force(true);
                        }
                        break;
                    }
                    int len = all.getInt((int) pos);
                    if (expected > afterSequence) {
                        ByteBuffer payload = all.slice((int) pos + JournalFiles.RECORD_HEADER_BYTES, len);
                        visitor.onRecord(expected, payload);
                        visited++;
                    }
                    expected++;
                    pos += JournalFiles.RECORD_HEADER_BYTES + len;
                }
            }
        }
        Path lastSeg = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        return new ScanResult(expected - 1, lastSeg, torn, tornFile, visited);
    }

    /** Whether every byte from {@code pos} to {@code size} is zero (preallocated space, never written). */
    private static boolean zerosFrom(ByteBuffer all, long pos, long size) {
        int p = (int) pos;
        int end = (int) size;
        if (end - p >= 4 && all.getInt(p) != 0) {
            return false; // a record length: the common case, decided at once
        }
        for (; p + 8 <= end; p += 8) {
            if (all.getLong(p) != 0) {
                return false;
            }
        }
        for (; p < end; p++) {
            if (all.get(p) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Null if a valid record with sequence {@code expected} starts at {@code pos}, else why not. */
    private static String check(ByteBuffer all, long pos, long size, long expected) {
        if (size - pos < JournalFiles.RECORD_HEADER_BYTES) {
            return "incomplete record header";
        }
        int p = (int) pos;
        int len = all.getInt(p);
        if (len < 0 || len > JournalFiles.MAX_RECORD_BYTES || len > size - pos - JournalFiles.RECORD_HEADER_BYTES) {
            return "record length " + len + " does not fit";
        }
        long seq = all.getLong(p + 8);
        CRC32C crc = new CRC32C();
        crc.update(all.slice(p + 8, 8 + len));
        if ((int) crc.getValue() != all.getInt(p + 4)) {
            return "CRC32C mismatch";
        }
        if (seq != expected) {
            return "sequence " + seq + " where " + expected + " was expected";
        }
        return null;
    }

    /** Whether any offset after {@code from} holds a CRC-valid record with a later sequence. */
    private static boolean validRecordAfter(ByteBuffer all, long from, long size, long expected) {
        for (long p = from; p + JournalFiles.RECORD_HEADER_BYTES <= size; p++) {
            long seq = all.getLong((int) p + 8);
            if (seq < expected || seq > expected + 1_000_000_000L) {
                continue;
            }
            if (check(all, p, size, seq) == null) {
                return true;
            }
        }
        return false;
    }
}
