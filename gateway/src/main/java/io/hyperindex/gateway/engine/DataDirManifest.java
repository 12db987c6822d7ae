package io.hyperindex.gateway.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code manifest.json} in a data directory: the instrument and account ids the journal's
 * integers refer to, and what offline readers (reports) need of the fee policy. Written at
 * start-up; a later start with different ids is refused, since the journal would then be
 * read against the wrong names.
 */
public record DataDirManifest(int format, List<String> instruments, List<String> accounts, String firstTier,
                              long tokensPerMillion, int cliffMonths, int vestingMonths,
                              List<io.hyperindex.gateway.domain.Instrument> instrumentSpecs) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FILE = "manifest.json";

    static DataDirManifest of(EngineConfig c) {
        var plan = c.fees().incentives();
        return new DataDirManifest(1, c.instruments().stream().map(i -> i.symbol()).toList(), c.accounts(),
                c.fees().tiers().get(0).name(), plan.tokensPerMillion(), plan.cliffMonths(), plan.vestingMonths(),
                c.instruments());
    }

    /** Reads the manifest of a data directory, or null if there is none. */
    public static DataDirManifest read(Path dataDir) throws IOException {
        Path p = dataDir.resolve(FILE);
        return Files.exists(p) ? JSON.readValue(p.toFile(), DataDirManifest.class) : null;
    }

    /** Checks the configuration against an existing manifest and (re)writes it. */
    static void checkAndWrite(Path dataDir, EngineConfig config) throws IOException {
        DataDirManifest now = of(config);
        DataDirManifest before = read(dataDir);
        if (before != null && !before.instruments().equals(now.instruments())) {
            throw new IOException("the data directory " + dataDir + " was written with instruments " + before.instruments()
                    + " but the configuration lists " + now.instruments() + "; ids must stay in the same order");
        }
        if (before != null && !before.accounts().equals(now.accounts())) {
            throw new IOException("the data directory " + dataDir + " was written with accounts " + before.accounts()
                    + " but the configuration lists " + now.accounts() + "; ids must stay in the same order");
        }
        Path tmp = dataDir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), now);
        Files.move(tmp, dataDir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public int accountId(String account) {
        int i = accounts.indexOf(account);
        if (i < 0) {
            throw new IllegalArgumentException("no account " + account + " in this data directory (known: " + accounts + ")");
        }
        return i;
    }
}
