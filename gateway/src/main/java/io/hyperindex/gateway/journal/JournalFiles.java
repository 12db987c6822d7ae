package io.hyperindex.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Naming and listing of journal segments and snapshots in a data directory. */
public final class JournalFiles {
    /** First bytes of every segment: "HIJRNL" + format version 1. */
    public static final long SEGMENT_MAGIC = 0x48494a524e4c0001L;
    public static final int SEGMENT_HEADER_BYTES = 16;
    /** Record header: payload length (int), CRC32C (int), sequence (long). */
    public static final int RECORD_HEADER_BYTES = 16;
    /** No single record may exceed this; a larger length field means corruption. */
    public static final int MAX_RECORD_BYTES = 64 << 20;

    private JournalFiles() {
    }

    public static Path segment(Path dir, long firstSequence) {
        return dir.resolve(String.format("journal-%020d.log", firstSequence));
    }

    public static Path snapshot(Path dir, long sequence) {
        return dir.resolve(String.format("snapshot-%020d.snap", sequence));
    }

    /** Segments in sequence order. */
    public static List<Path> segments(Path dir) throws IOException {
        return list(dir, "journal-", ".log");
    }

    /** Snapshots in sequence order. */
    public static List<Path> snapshots(Path dir) throws IOException {
        return list(dir, "snapshot-", ".snap");
    }

    /** The sequence number in a segment or snapshot file name. */
    public static long sequenceOf(Path file) {
        String n = file.getFileName().toString();
        return Long.parseLong(n.substring(n.indexOf('-') + 1, n.indexOf('.')));
    }

    private static List<Path> list(Path dir, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix);
            }).toList());
            out.sort((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)));
            return out;
        }
    }
}
