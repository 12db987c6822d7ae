package io.hyperindex.gateway.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of a directory, so that a created or renamed file's entry is durable too. */
final class DirectorySync {
    private DirectorySync() {
    }

    static void sync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a directory for fsync; the data itself is already forced
        }
    }
}
