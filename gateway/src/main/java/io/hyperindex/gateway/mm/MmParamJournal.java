package io.hyperindex.gateway.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable record of operator changes to the market maker: one JSON object per line in
 * {@code market-maker.jsonl} in the data directory, appended and forced to the device before
 * the change takes effect. At start the gateway applies the configuration first and then
 * replays this file, so parameter changes and start/stop decisions survive a restart. A
 * torn last line (a crash mid-write, never acknowledged) is ignored.
 */
public final class MmParamJournal implements AutoCloseable {
    /** File name inside the data directory. */
    public static final String FILE_NAME = "market-maker.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One journaled change: {@code action} is "params", "start" or "stop". */
    public record Entry(long timestamp, String symbol, String action, Map<String, String> changes, String actor) {
    }

    private final Path file;
    private final FileChannel channel;

    private MmParamJournal(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        long size = channel.size();
        if (size > 0) { // after a torn last line, start the next entry on a line of its own
            try (FileChannel r = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer last = ByteBuffer.allocate(1);
                r.read(last, size - 1);
                if (last.get(0) != '\n') {
                    channel.write(ByteBuffer.wrap(new byte[]{'\n'}));
                }
            }
        }
    }

    /** Opens (creating) the journal in {@code dataDir}. */
    public static MmParamJournal open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return new MmParamJournal(dataDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** Every complete entry, oldest first. */
    public List<Entry> read() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            Map<String, String> changes = new LinkedHashMap<>();
            n.path("changes").fields().forEachRemaining(e -> changes.put(e.getKey(), e.getValue().asText()));
            out.add(new Entry(n.path("timestamp").asLong(), n.path("symbol").asText(), n.path("action").asText(),
                    changes, n.path("actor").asText()));
        }
        return out;
    }

    /** Appends an entry and forces it to the device. */
    public synchronized void append(Entry e) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("timestamp", e.timestamp()).put("symbol", e.symbol()).put("action", e.action()).put("actor", e.actor());
        ObjectNode c = n.putObject("changes");
        e.changes().forEach(c::put);
        ByteBuffer b = ByteBuffer.wrap((n + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
