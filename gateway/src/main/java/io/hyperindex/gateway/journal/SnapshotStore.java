package io.hyperindex.gateway.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Snapshots of the engine state. A snapshot file holds a header (magic, sequence, length,
 * CRC32C) and the state bytes; it is written to a temporary file, forced, then renamed, so a
 * crash never leaves a half-written snapshot under a real name. The newest two are kept.
 */
public final class SnapshotStore {
    private static final long MAGIC = 0x4849534e41500001L; // "HISNAP" v1
    private static final int KEEP = 2;

    /** Writes the state bytes of a component. */
    @FunctionalInterface
    public interface StateWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** A loaded snapshot. */
    public record Loaded(long sequence, Path file, DataInputStream state) {
    }

    private final Path dir;

    public SnapshotStore(Path dir) {
        this.dir = dir;
    }

    /** Writes a snapshot of the state after {@code sequence}; returns its file. */
    public Path write(long sequence, StateWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        }
        byte[] state = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(state);
        ByteBuffer header = ByteBuffer.allocate(24).putLong(MAGIC).putLong(sequence).putInt(state.length)
                .putInt((int) crc.getValue());
        Path target = JournalFiles.snapshot(dir, sequence);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            header.flip();
            while (header.hasRemaining()) {
                ch.write(header);
            }
            ByteBuffer body = ByteBuffer.wrap(state);
            while (body.hasRemaining()) {
                ch.write(body);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectorySync.sync(dir);
        List<Path> all = JournalFiles.snapshots(dir);
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return target;
    }

    /**
     * The newest snapshot whose checksum verifies, or null if there is none. A damaged newer
     * snapshot is skipped in favour of an older one (the journal still holds what follows it).
     */
    public Loaded loadLatest(java.util.function.Consumer<String> warn) throws IOException {
        List<Path> all = JournalFiles.snapshots(dir);
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i);
            byte[] file = Files.readAllBytes(p);
            ByteBuffer b = ByteBuffer.wrap(file);
            if (file.length < 24 || b.getLong() != MAGIC) {
                warn.accept("snapshot " + p + " has a bad header; trying an older one");
                continue;
            }
            long seq = b.getLong();
            int len = b.getInt();
            int expected = b.getInt();
            CRC32C crc = new CRC32C();
            if (len != file.length - 24) {
                warn.accept("snapshot " + p + " has the wrong length; trying an older one");
                continue;
            }
            crc.update(file, 24, len);
            if ((int) crc.getValue() != expected) {
                warn.accept("snapshot " + p + " fails its CRC32C; trying an older one");
                continue;
            }
            return new Loaded(seq, p, new DataInputStream(new java.io.ByteArrayInputStream(file, 24, len)));
        }
        return null;
    }
}
