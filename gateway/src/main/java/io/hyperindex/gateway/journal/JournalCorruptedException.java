package io.hyperindex.gateway.journal;

import java.io.IOException;
import java.nio.file.Path;

/** The journal is damaged somewhere other than its tail: the gateway refuses to start. */
public final class JournalCorruptedException extends IOException {
    private final Path file;
    private final long offset;

    public JournalCorruptedException(Path file, long offset, String why) {
        super("journal corrupted in " + file + " at offset " + offset + ": " + why
                + " (valid records follow, so this is not a torn tail; restore the file from a replica or backup)");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
