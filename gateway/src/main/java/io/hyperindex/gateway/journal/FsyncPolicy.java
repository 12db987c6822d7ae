package io.hyperindex.gateway.journal;

/** When the journal forces written records to the storage device. */
public enum FsyncPolicy {
    /** fsync after every group-commit batch, before any reply of that batch is released (default). */
    EVERY_BATCH,
    /** Write to the OS page cache only: survives a process kill, not a power loss. For benchmarks. */
    NONE;

    /** Parses the config spelling: {@code every-batch} or {@code none}. */
    public static FsyncPolicy parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "every-batch" -> EVERY_BATCH;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("fsync must be every-batch or none, not '" + s + "'");
        };
    }

    /** The config spelling. */
    public String configName() {
        return this == EVERY_BATCH ? "every-batch" : "none";
    }
}
