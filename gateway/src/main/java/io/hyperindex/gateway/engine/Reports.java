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
import java.util.List;

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

    private static final java.util.Set<io.hyperindex.gateway.domain.ReasonCode> RISK_CODES = java.util.EnumSet.of(
            io.hyperindex.gateway.domain.ReasonCode.KILL_SWITCH_ACTIVE, io.hyperindex.gateway.domain.ReasonCode.TRADING_HALTED,
            io.hyperindex.gateway.domain.ReasonCode.ORDER_QUANTITY_LIMIT, io.hyperindex.gateway.domain.ReasonCode.ORDER_NOTIONAL_LIMIT,
            io.hyperindex.gateway.domain.ReasonCode.OPEN_ORDERS_LIMIT, io.hyperindex.gateway.domain.ReasonCode.POSITION_LIMIT,
            io.hyperindex.gateway.domain.ReasonCode.EXPOSURE_LIMIT, io.hyperindex.gateway.domain.ReasonCode.DAILY_LOSS_LIMIT,
            io.hyperindex.gateway.domain.ReasonCode.MMP_FROZEN, io.hyperindex.gateway.domain.ReasonCode.CIRCUIT_BREAKER,
            io.hyperindex.gateway.domain.ReasonCode.PRICE_OUTSIDE_BAND);

    /**
     * The daily risk report of {@code account} for UTC day {@code day}: trades are replayed
     * through a position book from the start of the journal, valued at last-trade prices.
     */
    public static RiskReport riskReport(Path dataDir, String account, LocalDate day, long upToSequence) throws IOException {
        DataDirManifest m = DataDirManifest.read(dataDir);
        if (m == null || m.instrumentSpecs() == null) {
            throw new IOException("no usable " + DataDirManifest.FILE + " in " + dataDir + ": not a gateway data directory");
        }
        int acct = m.accountId(account);
        var instruments = m.instrumentSpecs().toArray(io.hyperindex.gateway.domain.Instrument[]::new);
        var book = new io.hyperindex.gateway.risk.PositionBook(instruments, m.accounts().size());
        long[] last = new long[instruments.length];
        for (int i = 0; i < instruments.length; i++) {
            last[i] = instruments[i].referencePrice();
        }
        io.hyperindex.gateway.risk.MarkSource marks = i -> last[i];
        long from = day.atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000_000L;
        long to = from + 86_400_000_000_000L;
        long[] acc = new long[5]; // startPnl, startFees, peakGross, trades, started
        List<String> breaches = new java.util.ArrayList<>();
        java.util.TreeMap<String, Long> rejections = new java.util.TreeMap<>();
        JournalReader.scan(dataDir, 0, false, (seq, payload) -> {
            if (seq > upToSequence) {
                return;
            }
            JournalCodec.Entry entry = JournalCodec.decode(payload);
            long ts = entry.timestamp();
            if (ts >= to) {
                return;
            }
            boolean inDay = ts >= from;
            if (inDay && acc[4] == 0) {
                acc[0] = book.totalPnl(acct, marks);
                acc[1] = totalFees(book, acct, instruments.length);
                acc[4] = 1;
            }
            for (var e : entry.events()) {
                if (e instanceof io.hyperindex.gateway.domain.EngineEvent.TradeExecuted t) {
                    int sign = t.takerSide().sign();
                    if (t.takerAccount() >= 0) { // a remote venue's fill has an external side (-1)
                        book.onFill(t.takerAccount(), t.instrument(), sign * t.quantity(), t.price(), t.takerFee());
                    }
                    if (t.makerAccount() >= 0) {
                        book.onFill(t.makerAccount(), t.instrument(), -sign * t.quantity(), t.price(), t.makerFee());
                    }
                    last[t.instrument()] = t.price();
                    if (inDay) {
                        if (t.takerAccount() == acct || t.makerAccount() == acct) {
                            acc[3]++;
                        }
                        acc[2] = Math.max(acc[2], book.grossExposure(acct, marks));
                    }
                } else if (inDay && e instanceof io.hyperindex.gateway.domain.EngineEvent.RiskAlert a && a.account() == acct
                        && a.level() >= 100) {
                    breaches.add(a.limit() + "@" + java.time.Instant.ofEpochSecond(a.timestamp() / 1_000_000_000L));
                } else if (inDay && e instanceof io.hyperindex.gateway.domain.EngineEvent.MmpTriggered t && t.account() == acct) {
                    breaches.add("mmp:" + t.group() + "@" + java.time.Instant.ofEpochSecond(t.timestamp() / 1_000_000_000L));
                } else if (inDay && e instanceof io.hyperindex.gateway.domain.EngineEvent.OrderRejected r && r.account() == acct
                        && RISK_CODES.contains(r.reason())) {
                    rejections.merge(r.reason().name(), 1L, Long::sum);
                }
            }
        });
        if (acc[4] == 0) {
            acc[0] = book.totalPnl(acct, marks);
            acc[1] = totalFees(book, acct, instruments.length);
        }
        return new RiskReport(account, day, book.totalPnl(acct, marks) - acc[0],
                totalFees(book, acct, instruments.length) - acc[1], acc[2], book.grossExposure(acct, marks), acc[3],
                List.copyOf(breaches), java.util.Collections.unmodifiableMap(rejections));
    }

    private static long totalFees(io.hyperindex.gateway.risk.PositionBook book, int account, int instruments) {
        long f = 0;
        for (int i = 0; i < instruments; i++) {
            f += book.fees(account, i);
        }
        return f;
    }
}
