package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.Side;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The economics of every fill, owned by the engine thread: which rate and tier apply, the fee
 * or rebate, the ledger postings, rolling 30-day volumes, the daily tier recomputation and the
 * monthly incentive grants. Deterministic: time comes from the commands' timestamps.
 */
public final class FeeEngine {
    private final FeePolicy policy;
    private final String[] accountNames;
    private final TierTable[] instrumentTables;
    private final NegotiatedTerms[][] terms;
    private final boolean[] eligible;
    private final Ledger ledger;
    private final int buckets;
    // rolling volume: [account][bucket], bucket = feeDay mod buckets, tagged with its day
    private final long[][] makerVolume;
    private final long[][] takerVolume;
    private final long[][] bucketDay;
    private final int[] tier;
    /** An operator's tier override per account: the tier's index in the policy's table, or -1 for none. */
    private final int[] overrideTier;
    /** Epoch nanos at which the override lapses ({@code Long.MAX_VALUE}: until cleared). */
    private final long[] overrideUntil;
    private final long[] monthVolume;
    private final List<List<Grant>> grants;
    private long feeDay = Long.MIN_VALUE;
    private long month = Long.MIN_VALUE; // YearMonth as year * 12 + month - 1
    /** Epoch nanos at which the month after {@code month} starts (derived, so the hot path skips the calendar). */
    private long nextMonthStart = Long.MIN_VALUE;

    // outputs of the last charge(), to keep the fill path allocation-free
    private long lastRate;
    private long lastFee;
    private String lastTier;

    /** One month's incentive grant. */
    public record Grant(YearMonth month, long volume, long tokens) {
    }

    public FeeEngine(FeePolicy policy, List<String> accounts, List<String> instrumentSymbols) {
        this.policy = policy;
        this.accountNames = accounts.toArray(String[]::new);
        int n = accounts.size();
        this.instrumentTables = new TierTable[instrumentSymbols.size()];
        for (int i = 0; i < instrumentTables.length; i++) {
            instrumentTables[i] = policy.instrumentTiers().getOrDefault(instrumentSymbols.get(i), policy.tiers());
        }
        for (String s : policy.instrumentTiers().keySet()) {
            if (!instrumentSymbols.contains(s)) {
                throw new IllegalArgumentException("fee tiers configured for unknown instrument " + s);
            }
        }
        this.terms = new NegotiatedTerms[n][];
        this.eligible = new boolean[n];
        for (int a = 0; a < n; a++) {
            String name = accounts.get(a);
            terms[a] = policy.negotiated().stream().filter(t -> t.account().equals(name)).toArray(NegotiatedTerms[]::new);
            for (NegotiatedTerms t : terms[a]) {
                if (t.fixedTier() != null && policy.tiers().indexOf(t.fixedTier()) < 0) {
                    throw new IllegalArgumentException("negotiated terms for " + name + " name unknown tier " + t.fixedTier());
                }
            }
            eligible[a] = !policy.incentiveIneligible().contains(name);
        }
        for (NegotiatedTerms t : policy.negotiated()) {
            if (!accounts.contains(t.account())) {
                throw new IllegalArgumentException("negotiated terms for unknown account " + t.account());
            }
        }
        this.ledger = new Ledger(n);
        this.buckets = policy.windowDays() + 1;
        this.makerVolume = new long[n][buckets];
        this.takerVolume = new long[n][buckets];
        this.bucketDay = new long[n][buckets];
        for (long[] d : bucketDay) {
            Arrays.fill(d, Long.MIN_VALUE);
        }
        this.tier = new int[n];
        this.overrideTier = new int[n];
        Arrays.fill(overrideTier, -1);
        this.overrideUntil = new long[n];
        this.monthVolume = new long[n];
        this.grants = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            grants.add(new ArrayList<>());
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    public FeePolicy policy() {
        return policy;
    }

    /** The fee day of a timestamp: days since the epoch, each starting at the recomputation time. */
    public long feeDayOf(long timestamp) {
        return Math.floorDiv(timestamp - policy.recomputeAtNanosOfDay(), FeePolicy.DAY_NANOS);
    }

    /**
     * Moves the fee clock to {@code now}: when a fee day boundary has passed, recomputes every
     * account's tier from the window that just closed (FeeTierChanged for each change); when a
     * calendar month has closed, grants its incentives (IncentiveGranted).
     */
    public void advanceTo(long now, List<EngineEvent> out) {
        long day = feeDayOf(now);
        if (feeDay == Long.MIN_VALUE) {
            feeDay = day;
        } else if (day > feeDay) {
            feeDay = day;
            for (int a = 0; a < tier.length; a++) {
                long volume = windowVolume(a, day - policy.windowDays(), day - 1);
                int t = policy.tiers().indexFor(volume);
                if (t != tier[a]) {
                    out.add(new EngineEvent.FeeTierChanged(a, policy.tiers().get(tier[a]).name(),
                            policy.tiers().get(t).name(), volume, now));
                    tier[a] = t;
                }
            }
        }
        if (now < nextMonthStart) {
            return; // still in the same calendar month
        }
        YearMonth ym = IncentivePlan.monthOf(now);
        long m = ym.getYear() * 12L + ym.getMonthValue() - 1;
        nextMonthStart = ym.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        if (month == Long.MIN_VALUE) {
            month = m;
        } else if (m > month) {
            YearMonth closed = YearMonth.of((int) (month / 12), (int) (month % 12) + 1);
            for (int a = 0; a < monthVolume.length; a++) {
                long tokens = eligible[a] ? policy.incentives().tokensFor(monthVolume[a]) : 0;
                if (tokens > 0) {
                    ledger.post(-1, LedgerAccount.VENUE_INCENTIVE_LIABILITY, a, LedgerAccount.INCENTIVE_TOKENS, tokens);
                    grants.get(a).add(new Grant(closed, monthVolume[a], tokens));
                    out.add(new EngineEvent.IncentiveGranted(a, closed.toString(), monthVolume[a], tokens, now));
                }
                monthVolume[a] = 0;
            }
            month = m;
        }
    }

    /**
     * Works out the rate, fee and tier for one side of a fill; read them with
     * {@link #lastRate()}, {@link #lastFee()}, {@link #lastTier()}. An operator's tier override
     * in force at {@code now} wins; then negotiated terms in force; then the volume tier. The
     * instrument's table gives the rates.
     */
    public void charge(int account, int instrument, boolean maker, long notional, long now) {
        TierTable table = instrumentTables[instrument];
        int t = tier[account];
        if (overrideTier[account] >= 0 && now < overrideUntil[account]) {
            FeeTier base = policy.tiers().get(overrideTier[account]);
            int i = table.indexOf(base.name());
            FeeTier ft = i >= 0 ? table.get(i) : base; // an instrument's own table names the same tiers
            lastRate = maker ? ft.makerRate() : ft.takerRate();
            lastTier = ft.name();
            lastFee = Money.fee(notional, lastRate);
            return;
        }
        for (NegotiatedTerms nt : terms[account]) {
            if (nt.activeAt(now)) {
                if (nt.fixedTier() != null) {
                    t = table.indexOf(nt.fixedTier());
                    break;
                }
                lastRate = maker ? nt.makerRate() : nt.takerRate();
                lastTier = "negotiated";
                lastFee = Money.fee(notional, lastRate);
                return;
            }
        }
        FeeTier ft = table.get(t);
        lastRate = maker ? ft.makerRate() : ft.takerRate();
        lastTier = ft.name();
        lastFee = Money.fee(notional, lastRate);
    }

    public long lastRate() {
        return lastRate;
    }

    public long lastFee() {
        return lastFee;
    }

    public String lastTier() {
        return lastTier;
    }

    /**
     * Books a fill: trade cash between buyer and seller, each side's fee (to venue fee income)
     * or rebate (from venue rebate expense), volumes for tiers and incentives.
     */
    public void recordFill(int maker, long makerFee, int taker, long takerFee, Side takerSide, long notional, long now) {
        int buyer = takerSide == Side.BUY ? taker : maker;
        int seller = takerSide == Side.BUY ? maker : taker;
        ledger.post(buyer, LedgerAccount.TRADE_CASH, seller, LedgerAccount.TRADE_CASH, notional);
        bookFee(maker, makerFee);
        bookFee(taker, takerFee);
        long day = feeDayOf(now);
        addVolume(makerVolume, maker, day, notional);
        addVolume(takerVolume, taker, day, notional);
        monthVolume[maker] += notional;
        monthVolume[taker] += notional;
    }

    /**
     * Books a fill of an order routed to a remote venue: the other side is the venue's settlement
     * account, not a partner; the partner's fee (charged at its own schedule, maker or taker per
     * the remote venue's liquidity flag) and volume are booked as for a local fill.
     */
    public void recordVenueFill(int account, long fee, boolean maker, Side side, long notional, long now) {
        if (side == Side.BUY) {
            ledger.post(account, LedgerAccount.TRADE_CASH, -1, LedgerAccount.VENUE_EXTERNAL_SETTLEMENT, notional);
        } else {
            ledger.post(-1, LedgerAccount.VENUE_EXTERNAL_SETTLEMENT, account, LedgerAccount.TRADE_CASH, notional);
        }
        bookFee(account, fee);
        addVolume(maker ? makerVolume : takerVolume, account, feeDayOf(now), notional);
        monthVolume[account] += notional;
    }

    private void bookFee(int account, long fee) {
        if (fee > 0) {
            ledger.post(account, LedgerAccount.FEES_PAID, -1, LedgerAccount.VENUE_FEE_INCOME, fee);
        } else if (fee < 0) {
            ledger.post(-1, LedgerAccount.VENUE_REBATE_EXPENSE, account, LedgerAccount.REBATES_RECEIVED, -fee);
        }
    }

    private void addVolume(long[][] volume, int account, long day, long notional) {
        int b = (int) Math.floorMod(day, (long) buckets);
        if (bucketDay[account][b] != day) {
            bucketDay[account][b] = day;
            makerVolume[account][b] = 0;
            takerVolume[account][b] = 0;
        }
        volume[account][b] += notional;
    }

    private long windowVolume(int account, long fromDay, long toDay) {
        return windowMaker(account, fromDay, toDay) + windowTaker(account, fromDay, toDay);
    }

    private long windowMaker(int account, long fromDay, long toDay) {
        return sum(makerVolume[account], bucketDay[account], fromDay, toDay);
    }

    private long windowTaker(int account, long fromDay, long toDay) {
        return sum(takerVolume[account], bucketDay[account], fromDay, toDay);
    }

    private static long sum(long[] volume, long[] days, long fromDay, long toDay) {
        long s = 0;
        for (int b = 0; b < volume.length; b++) {
            if (days[b] >= fromDay && days[b] <= toDay) {
                s += volume[b];
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ queries

    /** A partner's tier position: for the account screen and the GetFeeTier call. */
    public record TierStatus(String account, String tier, long makerVolume30d, long takerVolume30d, String nextTier,
                             long volumeToNextTier, long makerRate, long takerRate, String ratesSource) {
    }

    /**
     * Current tier, rolling 30-day maker and taker volume (the last 30 fee days including
     * today), volume still needed for the next tier, and the maker and taker rates that apply
     * now on {@code instrument} (negotiated terms included).
     */
    public TierStatus tierStatus(int account, int instrument, long now) {
        long day = feeDayOf(now);
        long maker = windowMaker(account, day - policy.windowDays() + 1, day);
        long taker = windowTaker(account, day - policy.windowDays() + 1, day);
        TierTable table = policy.tiers();
        int t = tier[account];
        String next = t + 1 < table.size() ? table.get(t + 1).name() : null;
        long toNext = next == null ? 0 : Math.max(0, table.get(t + 1).minVolume() - maker - taker);
        charge(account, instrument, true, 0, now);
        long makerRate = lastRate;
        String source = lastTier;
        charge(account, instrument, false, 0, now);
        String ratesSource = overriddenAt(account, now) ? "override" : source.equals("negotiated") ? "negotiated" : "tier";
        return new TierStatus(accountNames[account], table.get(t).name(), maker, taker, next, toNext, makerRate, lastRate,
                ratesSource);
    }

    // ------------------------------------------------------------------ operator overrides

    /**
     * Sets (or with {@code tierName} null clears) an operator's tier override for the account,
     * in force until {@code untilNanos} ({@code Long.MAX_VALUE}: until cleared). The volume
     * tier keeps being tracked underneath and applies again once the override ends.
     *
     * @return false if {@code tierName} is not a tier of the policy (nothing changed)
     */
    public boolean setOverride(int account, String tierName, long untilNanos) {
        if (tierName == null) {
            overrideTier[account] = -1;
            overrideUntil[account] = 0;
            return true;
        }
        int t = policy.tiers().indexOf(tierName);
        if (t < 0) {
            return false;
        }
        overrideTier[account] = t;
        overrideUntil[account] = untilNanos;
        return true;
    }

    /** The override's tier name if one is in force at {@code now}, else null. */
    public String overrideAt(int account, long now) {
        return overriddenAt(account, now) ? policy.tiers().get(overrideTier[account]).name() : null;
    }

    private boolean overriddenAt(int account, long now) {
        return overrideTier[account] >= 0 && now < overrideUntil[account];
    }

    /** The tier that prices the account's fills at {@code now}: the override's, else the volume tier's name. */
    public String effectiveTierName(int account, long now) {
        String o = overrideAt(account, now);
        return o != null ? o : tierName(account);
    }

    /** Tokens accrued (granted, plus this month's accrual so far), vested and unvested as of {@code at}. */
    public record IncentiveStatus(String account, long accrued, long vested, long unvested, long pendingThisMonth) {
    }

    public IncentiveStatus incentives(int account, long at) {
        long accrued = 0;
        long vested = 0;
        for (Grant g : grants.get(account)) {
            if (IncentivePlan.grantTime(g.month()) <= at) {
                accrued += g.tokens();
                vested += policy.incentives().vested(g.tokens(), g.month(), at);
            }
        }
        long pending = eligible[account] ? policy.incentives().tokensFor(monthVolume[account]) : 0;
        return new IncentiveStatus(accountNames[account], accrued + pending, vested, accrued + pending - vested, pending);
    }

    public List<Grant> grants(int account) {
        return List.copyOf(grants.get(account));
    }

    public String tierName(int account) {
        return policy.tiers().get(tier[account]).name();
    }

    // ------------------------------------------------------------------ snapshots

    public void write(DataOutput out) throws IOException {
        out.writeLong(feeDay);
        out.writeLong(month);
        for (int a = 0; a < tier.length; a++) {
            out.writeInt(tier[a]);
            out.writeInt(overrideTier[a]);
            out.writeLong(overrideUntil[a]);
            out.writeLong(monthVolume[a]);
            for (int b = 0; b < buckets; b++) {
                out.writeLong(bucketDay[a][b]);
                out.writeLong(makerVolume[a][b]);
                out.writeLong(takerVolume[a][b]);
            }
            out.writeInt(grants.get(a).size());
            for (Grant g : grants.get(a)) {
                out.writeUTF(g.month().toString());
                out.writeLong(g.volume());
                out.writeLong(g.tokens());
            }
        }
        ledger.write(out);
    }

    public void read(DataInput in) throws IOException {
        feeDay = in.readLong();
        month = in.readLong();
        nextMonthStart = Long.MIN_VALUE;
        for (int a = 0; a < tier.length; a++) {
            tier[a] = in.readInt();
            overrideTier[a] = in.readInt();
            overrideUntil[a] = in.readLong();
            monthVolume[a] = in.readLong();
            for (int b = 0; b < buckets; b++) {
                bucketDay[a][b] = in.readLong();
                makerVolume[a][b] = in.readLong();
                takerVolume[a][b] = in.readLong();
            }
            int g = in.readInt();
            grants.get(a).clear();
            for (int i = 0; i < g; i++) {
                grants.get(a).add(new Grant(YearMonth.parse(in.readUTF()), in.readLong(), in.readLong()));
            }
        }
        ledger.read(in);
    }
}
