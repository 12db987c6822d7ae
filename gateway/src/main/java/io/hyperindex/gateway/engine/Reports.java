package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.fees.IncentivePlan;
import io.hyperindex.gateway.fees.Statement;
import io.hyperindex.gateway.fees.StatementBuilder;
import io.hyperindex.gateway.journal.JournalCodec;
import io.hyperindex.gateway.journal.JournalReader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Reports read from a data directory's journal, without touching the engine: they work on a
 * stopped gateway (CLI) or beside a running one (the journal is append-only; only records up
 * to a committed sequence are read).
 */
public final class Reports {
    private Reports() {
    }

    /** The statement of {@code account} for the UTC days {@code from}..{@code to} inclusive. */
    public static Statement statement(Path dataDir, String account, LocalDate from, LocalDate to, long upToSequence)
            throws IOException {
        DataDirManifest m = DataDirManifest.read(dataDir);
        if (m == null) {
            throw new IOException("no " + DataDirManifest.FILE + " in " + dataDir + ": not a gateway data directory");
        }
        StatementBuilder b = new StatementBuilder(m.accountId(account), account, from, to, m.firstTier(),
                new IncentivePlan(m.tokensPerMillion(), m.cliffMonths(), m.vestingMonths()));
        JournalReader.scan(dataDir, 0, false, (seq, payload) -> {
            if (seq > upToSequence) {
                return;
            }
            for (EngineEvent e : JournalCodec.decode(payload).events()) {
                b.accept(e);
            }
        });
        return b.build();
    }
}
