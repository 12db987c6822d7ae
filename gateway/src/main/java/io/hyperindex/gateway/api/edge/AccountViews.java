package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.MmpConfig;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.fees.FeeEngine;
import io.hyperindex.gateway.fees.IncentivePlan;
import io.hyperindex.gateway.risk.PositionBook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's state as the APIs show it: decimal strings in instrument and USDC units, read
 * on the engine thread into immutable records that any adapter answers with on its own thread.
 */
public final class AccountViews {
    /** Longest statement period: from .. from + this many days. */
    public static final int MAX_STATEMENT_DAYS = 366;

    private AccountViews() {
    }

    /** One instrument's position of the account, valued at the mark. */
    public record Position(String symbol, String quantity, String averageEntry, String markPrice, String unrealizedPnl,
                           String realizedPnl, String fees) {
    }

    /** The account's P&amp;L and exposure over all instruments. */
    public record Pnl(String totalPnl, String dailyPnl, String grossExposure, String netExposure) {
    }

    /** The account's fee tier on one instrument; rates in basis points (negative = rebate). */
    public record FeeTier(String tier, String makerVolume30d, String takerVolume30d, String nextTier,
                          String volumeToNextTier, String makerRateBps, String takerRateBps, String ratesSource) {
    }

    /** Fees, rebates and volume of a period of UTC days. */
    public record Statement(String account, String from, String to, String makerVolume, String takerVolume, long trades,
                            String fees, String rebates, String net, String tierAtStart, List<String> tierChanges,
                            String tokensAccrued, String tokensGranted) {
    }

    /** A statement's period, checked: two dates YYYY-MM-DD, to not before from, at most 366 days apart. */
    public record Period(LocalDate from, LocalDate to) {
    }

    /** Every instrument with a position, realized P&amp;L or fees. Call on the engine thread. */
    public static List<Position> positions(MatchingEngine me, int account) {
        PositionBook p = me.positions();
        List<Position> out = new ArrayList<>();
        for (int i = 0; i < me.instrumentCount(); i++) {
            long qty = p.position(account, i);
            if (qty == 0 && p.realized(account, i) == 0 && p.fees(account, i) == 0) {
                continue;
            }
            Instrument ins = me.instrument(i);
            long mark = me.markPrice(i);
            out.add(new Position(ins.symbol(), Markets.qty(ins, qty), p.averageEntry(account, i).toPlainString(),
                    Markets.price(ins, mark), Markets.cash(p.unrealized(account, i, mark)),
                    Markets.cash(p.realized(account, i)), Markets.cash(p.fees(account, i))));
        }
        return out;
    }

    /** Call on the engine thread. */
    public static Pnl pnl(MatchingEngine me, int account) {
        PositionBook p = me.positions();
        long[] m = new long[3];
        p.measure(account, me::markPrice, m);
        return new Pnl(Markets.cash(m[PositionBook.TOTAL_PNL]), Markets.cash(p.dailyPnl(m[PositionBook.TOTAL_PNL], account)),
                Markets.cash(m[PositionBook.GROSS]), Markets.cash(m[PositionBook.NET]));
    }

    public static FeeTier feeTier(FeeEngine.TierStatus t) {
        return new FeeTier(t.tier(), Markets.cash(t.makerVolume30d()), Markets.cash(t.takerVolume30d()),
                t.nextTier() == null ? "" : t.nextTier(), Markets.cash(t.volumeToNextTier()), bps(t.makerRate()),
                bps(t.takerRate()), t.ratesSource());
    }

    /** Hundredths of a basis point as basis points. */
    private static String bps(long rate) {
        return BigDecimal.valueOf(rate, 2).stripTrailingZeros().toPlainString();
    }

    public static Statement statement(io.hyperindex.gateway.fees.Statement s) {
        return new Statement(s.account(), s.from().toString(), s.to().toString(), Markets.cash(s.makerVolume()),
                Markets.cash(s.takerVolume()), s.trades(), Markets.cash(s.fees()), Markets.cash(s.rebates()),
                Markets.cash(s.net()), s.tierAtStart(), List.copyOf(s.tierChanges()), IncentivePlan.format(s.tokensAccrued()),
                IncentivePlan.format(s.tokensGranted()));
    }

    /** The period of a statement request, or INVALID_REQUEST. */
    public static Period period(String from, String to) {
        LocalDate f = day("from", from);
        LocalDate t = day("to", to);
        if (t.isBefore(f) || ChronoUnit.DAYS.between(f, t) > MAX_STATEMENT_DAYS) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "to must be from..from + " + MAX_STATEMENT_DAYS + " days");
        }
        return new Period(f, t);
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, field + " must be a date YYYY-MM-DD");
        }
    }

    /** A market-maker protection group, or INVALID_REQUEST / UNKNOWN_INSTRUMENT. Limits are USDC decimal strings. */
    public static MmpConfig mmp(Markets markets, String group, List<String> symbols, long windowMillis,
                                String quantityLimit, String deltaLimit, long frozenMillis,
                                String quantityLimitField, String deltaLimitField) {
        if (symbols == null || symbols.isEmpty() || group == null || group.isBlank()) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "an MMP group needs a name and at least one symbol");
        }
        int[] ids = symbols.stream().mapToInt(s -> markets.instrument(s == null ? "" : s).id()).toArray();
        try {
            return new MmpConfig(group, ids, windowMillis, Markets.cashUnits(quantityLimitField, quantityLimit),
                    Markets.cashUnits(deltaLimitField, deltaLimit), frozenMillis);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
        }
    }
}
