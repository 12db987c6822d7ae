package io.hyperindex.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends records to the current journal segment. Records accumulate in a buffer and reach
 * the file at {@link #commit()} (group commit: one write, and with {@link FsyncPolicy#EVERY_BATCH}
 * one fsync, for a whole batch of commands). Only the engine thread calls it.
 *
 * <p>The segment file is zero-filled ahead of the records, {@value #PREALLOCATE_BYTES} bytes at a
 * time, so that a commit overwrites space the file already has: its fdatasync then only
 * writes the data blocks and flushes the device. An append that grows the file makes every
 * fdatasync change the file's size too, which on ext4 (and other journaling file systems)
 * means a file-system journal commit per batch, queued behind every other file's pending
 * metadata (QuickFIX/J's stores and logs write thousands of times a second). The zero tail
 * is cut off at close and at a segment roll; after a crash {@link JournalReader} takes a
 * run of zeros after the last record as the end of the journal.
 */
public final class JournalWriter implements AutoCloseable {
    /** How far ahead of the records the segment is zero-filled. */
    static final int PREALLOCATE_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10);
    private final Path dir;
    private final FsyncPolicy fsync;
    private final long segmentBytes;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(4 << 20);
    private final ByteBuffer sequenceBytes = ByteBuffer.allocate(8);
    private final CRC32C crc = new CRC32C();
    private FileChannel channel;
    private long segmentSize;
    /** Bytes of the segment file: the records plus the zero-filled space after them. */
    private long fileSize;
    private long lastSequence;
    private long bytesWritten;
    private long commits;
    // timings for metrics: written by the engine thread only, read by the metrics scrape
    private volatile long writeNanos;
    private volatile long fsyncNanos;
    private volatile long fsyncs;

    /**
     * Opens for appending after {@code lastSequence}: continues {@code existing} (a segment
     * already validated and truncated to its last good record) or starts a new segment.
     */
    public JournalWriter(Path dir, FsyncPolicy fsync, long segmentBytes, long lastSequence, Path existing) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        this.segmentBytes = segmentBytes;
        this.lastSequence = lastSequence;
        if (existing != null) {
            channel = FileChannel.open(existing, StandardOpenOption.WRITE);
            segmentSize = channel.size();
            fileSize = segmentSize;
            channel.position(segmentSize);
        } else {
            openSegment(lastSequence + 1);
        }
    }

    private void openSegment(long firstSequence) throws IOException {
        Path p = JournalFiles.segment(dir, firstSequence);
        channel = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(JournalFiles.SEGMENT_HEADER_BYTES);
        header.putLong(JournalFiles.SEGMENT_MAGIC).putLong(firstSequence).flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
        segmentSize = JournalFiles.SEGMENT_HEADER_BYTES;
        fileSize = segmentSize;
        reserve(0);
        if (fsync == FsyncPolicy.EVERY_BATCH) {
            channel.force(true);
            DirectorySync.sync(dir);
        }
    }

    /** Buffers one record; {@code sequence} must be the previous one plus one. */
    public void append(long sequence, ByteBuffer payload) throws IOException {
        if (sequence != lastSequence + 1) {
            throw new IllegalStateException("journal sequence gap: " + lastSequence + " then " + sequence);
        }
        int len = payload.remaining();
        if (len > JournalFiles.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("journal record of " + len + " bytes exceeds the limit");
        }
        if (buffer.remaining() < JournalFiles.RECORD_HEADER_BYTES + len) {
            drain();
            if (buffer.remaining() < JournalFiles.RECORD_HEADER_BYTES + len) {
                writeLarge(sequence, payload);
                lastSequence = sequence;
                return;
            }
        }
        // the CRC covers sequence and payload: taken from a reusable scratch and the payload
        // itself (position restored), so the per-record path allocates nothing
        crc.reset();
        crc.update(sequenceBytes.clear().putLong(sequence).flip());
        int payloadStart = payload.position();
        crc.update(payload);
        payload.position(payloadStart);
        int start = buffer.position();
        buffer.position(start + 8).putLong(sequence);
        buffer.put(payload);
        buffer.putInt(start, len).putInt(start + 4, (int) crc.getValue());
        lastSequence = sequence;
    }

    /**
     * Makes sure the file extends {@code bytes} past the records, zero-filling
     * {@value #PREALLOCATE_BYTES} more when it does not. The size change reaches the disk with
     * the next fsync of the records (fdatasync covers the file size).
     */
    private void reserve(long bytes) throws IOException {
        if (segmentSize + bytes <= fileSize) {
            return;
        }
        long target = segmentSize + bytes + PREALLOCATE_BYTES;
        while (fileSize < target) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), target - fileSize));
            fileSize += channel.write(z, fileSize);
        }
    }

    /** Cuts the zero-filled space after the records off the segment file. */
    private void trim() throws IOException {
        if (fileSize > segmentSize) {
            channel.truncate(segmentSize);
            fileSize = segmentSize;
        }
    }

    private void writeLarge(long sequence, ByteBuffer payload) throws IOException {
        ByteBuffer seq = ByteBuffer.allocate(8).putLong(0, sequence);
        crc.reset();
        crc.update(seq.duplicate());
        crc.update(payload.duplicate());
        ByteBuffer header = ByteBuffer.allocate(JournalFiles.RECORD_HEADER_BYTES);
        header.putInt(payload.remaining()).putInt((int) crc.getValue()).putLong(sequence).flip();
        reserve(header.remaining() + payload.remaining());
        segmentSize += header.remaining() + payload.remaining();
        bytesWritten += header.remaining() + payload.remaining();
        while (header.hasRemaining()) {
            channel.write(header);
        }
        while (payload.hasRemaining()) {
            channel.write(payload);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        reserve(buffer.remaining());
        segmentSize += buffer.remaining();
        bytesWritten += buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Makes every appended record durable per the fsync policy; then, past the size limit,
     * rolls to a new segment. Replies may be released once this returns.
     */
    public void commit() throws IOException {
        long t0 = System.nanoTime();
        drain();
        long t1 = System.nanoTime();
        writeNanos += t1 - t0;
        if (fsync == FsyncPolicy.EVERY_BATCH) {
            channel.force(false);
            fsyncNanos += System.nanoTime() - t1;
            fsyncs++;
        }
        commits++;
        if (segmentSize >= segmentBytes) {
            trim();
            if (fsync == FsyncPolicy.EVERY_BATCH) {
                channel.force(true);
            }
            channel.close();
            openSegment(lastSequence + 1);
        }
    }

    public long lastSequence() {
        return lastSequence;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long commits() {
        return commits;
    }

    /** Total time the commits spent writing their batch to the file (nanoseconds); one write per commit. */
    public long writeNanos() {
        return writeNanos;
    }

    /** Total time the commits spent in fsync (nanoseconds); 0 unless the policy fsyncs every batch. */
    public long fsyncNanos() {
        return fsyncNanos;
    }

    /** Fsyncs of committed batches so far. */
    public long fsyncs() {
        return fsyncs;
    }

    @Override
    public void close() throws IOException {
        if (channel != null && channel.isOpen()) {
            drain();
            trim();
            channel.force(true);
            channel.close();
        }
    }
}
