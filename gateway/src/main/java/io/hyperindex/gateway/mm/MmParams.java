package io.hyperindex.gateway.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The knobs of the reference market maker for one symbol, each with the default the venue's
 * market makers use (docs/market-maker.md lists them). Immutable; {@link #with(Map)} gives a
 * copy with some knobs changed, checked, which is how the configuration file, the admin
 * command and the parameter journal all change them.
 */
public final class MmParams {

    /** How a knob's text is read. */
    enum Kind { NUMBER, WHOLE, FLAG, CHOICE }

    /** Every knob: its name in files and commands, its default, its range and what it means. */
    public enum Knob {
        GAMMA("gamma", "0.3", 1e-6, 100, "risk aversion gamma (= xi), per bp per lot of the level-0 size"),
        MAKER_FEE_BPS("makerFeeBps", "1.5", -100, 100, "maker fee added to each half-spread, bp"),
        MIN_SPREAD_BPS("minSpreadBps", "8", 0, 10_000, "floor on the quoted bid-ask spread, bp"),
        MAX_SPREAD_BPS("maxSpreadBps", "50", 0.01, 10_000,
                "cap on the level-0 spread, bp (the venue's 0.5% obligation); applied after floors and widening"),
        SKEW_DAMPING("skewDamping", "1", 0, 10, "multiplier on the GLFT inventory skew (1 = as the model says)"),
        TAU_UPDATE_MS("tauUpdateMs", "50", 0, 60_000, "quote update latency tau of the latency floor sigma*sqrt(2 tau), ms"),
        LEVELS("levels", "5", 1, 20, Kind.WHOLE, "ladder levels per side"),
        SPACING("spacing", "geometric", "geometric|linear", "spacing of levels 1..N-1 between minDepthBps and maxDepthBps"),
        MIN_DEPTH_BPS("minDepthBps", "5", 0, 10_000, "extra depth of level 1 beyond the level-0 quote, bp"),
        MAX_DEPTH_BPS("maxDepthBps", "50", 0, 10_000, "extra depth of the last level beyond the level-0 quote, bp"),
        SIZE_ALLOCATION("sizeAllocation", "equal", "equal|front|back",
                "how notionalPerSideUsd is split across levels: equal, front-weighted or back-weighted"),
        NOTIONAL_PER_SIDE_USD("notionalPerSideUsd", "5000", 0, 1e12, "notional quoted per side over all levels, USDC"),
        MAX_LONG_USD("maxLongUsd", "8000", 0, 1e12, "inventory bound Q, long: bids stop where a full fill would pass it, USDC"),
        MAX_SHORT_USD("maxShortUsd", "8000", 0, 1e12, "inventory bound Q, short: asks stop where a full fill would pass it, USDC"),
        MAX_BPS_DIFF("maxBpsDiff", "2", 0, 10_000, "requote a level only when its target moved more than this, bp"),
        FORCED_REFRESH_SECONDS("forcedRefreshSeconds", "30", 0, 86_400,
                "requote every level at least this often even within maxBpsDiff (0 = never)"),
        HEDGE_ONLY("hedgeOnly", "false", "false|true", "reduce-only mode: quote only the side that reduces the position"),
        WINDOW_SECONDS("windowSeconds", "300", 1, 86_400, "estimation window of volatility and intensity, s"),
        REFIT_SECONDS("refitSeconds", "10", 0.01, 86_400, "how often the intensity curve is refitted, s"),
        WARMUP_TRADES("warmupTrades", "50", 0, 1_000_000, Kind.WHOLE, "trades seen before quoting starts (0 = quote on the priors)"),
        SAMPLE_MS("sampleMs", "1000", 1, 60_000, "mid sampling interval of the volatility estimators, ms"),
        EWMA_HALF_LIFE_SECONDS("ewmaHalfLifeSeconds", "60", 0.001, 86_400, "half-life of the EWMA variance, s"),
        SIGMA_SOURCE("sigmaSource", "ewma", "ewma|bipower", "which volatility estimate the quotes use"),
        DEPTH_BUCKET_BPS("depthBucketBps", "1", 0.001, 1_000, "width of a trade-depth bucket, bp of the prior mid"),
        DEPTH_BUCKETS("depthBuckets", "30", 2, 1_000, Kind.WHOLE, "number of trade-depth buckets"),
        PRIOR_SIGMA_BPS("priorSigmaBps", "1", 0, 10_000, "volatility used until estimated, bp per sqrt(s)"),
        PRIOR_A("priorA", "1", 1e-9, 1e9, "intensity A used until fitted, fills per second"),
        PRIOR_K_PER_BP("priorKPerBp", "0.5", 1e-6, 1e6, "intensity decay k used until fitted, per bp"),
        IMBALANCE_LEVELS("imbalanceLevels", "1", 1, 20, Kind.WHOLE, "book levels (each side, excluding own orders) in the microprice"),
        DAILY_LOSS_LIMIT_USD("dailyLossLimitUsd", "500", 0, 1e12, "kill when the day's P&L falls below minus this, USDC"),
        CAPITAL_USD("capitalUsd", "10000", 1, 1e12, "capital the drawdown is measured against, USDC"),
        MAX_DRAWDOWN_PCT("maxDrawdownPct", "5", 0, 100, "kill when P&L falls this far below its peak, % of capitalUsd"),
        MAX_POSITION_VALUE_USD("maxPositionValueUsd", "10000", 0, 1e12, "kill when |position| x fair exceeds this, USDC"),
        STALE_DATA_MS("staleDataMs", "5000", 100, 3_600_000, "kill when the engine feed is silent this long, ms"),
        MAX_RATE_LIMIT_ERRORS("maxRateLimitErrors", "10", 1, 1_000_000, Kind.WHOLE,
                "kill after this many rate-limit / engine-unavailable rejections in a day"),
        TRAILING_TAKE_PROFIT_USD("trailingTakeProfitUsd", "0", 0, 1e12,
                "once the day's P&L reaches this, reduce-only for the rest of the day (0 = off), USDC"),
        TRAILING_STOP_LOSS_USD("trailingStopLossUsd", "0", 0, 1e12,
                "reduce-only for the day once P&L falls this far below the day's peak (0 = off), USDC"),
        DEAD_MAN_SECONDS("deadManSeconds", "10", 5, 120, "engine dead-man switch timeout, renewed every third of it (at most every second, at least twice per staleDataMs), s"),
        BREAKER_WIDEN_MOVE_PCT("breakerWidenMovePct", "1", 0, 100, "circuit breaker 1: a fair move beyond this ..."),
        BREAKER_WIDEN_WINDOW_SECONDS("breakerWidenWindowSeconds", "60", 1, 86_400, "... within this window ..."),
        BREAKER_WIDEN_FACTOR("breakerWidenFactor", "3", 1, 100, "... widens the spread by this factor ..."),
        BREAKER_WIDEN_COOLDOWN_SECONDS("breakerWidenCooldownSeconds", "300", 0, 86_400, "... for this long, s"),
        BREAKER_CANCEL_MOVE_PCT("breakerCancelMovePct", "3", 0, 100, "circuit breaker 2: a fair move beyond this ..."),
        BREAKER_CANCEL_WINDOW_SECONDS("breakerCancelWindowSeconds", "300", 1, 86_400, "... within this window cancels all ..."),
        BREAKER_CANCEL_COOLDOWN_SECONDS("breakerCancelCooldownSeconds", "900", 0, 86_400, "... and pauses this long, s"),
        API_ERROR_LIMIT("apiErrorLimit", "5", 1, 1_000_000, Kind.WHOLE, "circuit breaker: more rejections than this ..."),
        API_ERROR_WINDOW_SECONDS("apiErrorWindowSeconds", "60", 1, 86_400, "... within this window ..."),
        API_ERROR_PAUSE_SECONDS("apiErrorPauseSeconds", "120", 0, 86_400, "... pause all activity this long, s");

        final String key;
        final String defaultText;
        final double min;
        final double max;
        final Kind kind;
        final String choices;
        final String description;

        Knob(String key, String def, double min, double max, String description) {
            this(key, def, min, max, Kind.NUMBER, description);
        }

        Knob(String key, String def, double min, double max, Kind kind, String description) {
            this.key = key;
            this.defaultText = def;
            this.min = min;
            this.max = max;
            this.kind = kind;
            this.choices = null;
            this.description = description;
        }

        Knob(String key, String def, String choices, String description) {
            this.key = key;
            this.defaultText = def;
            this.min = 0;
            this.max = 0;
            this.kind = choices.equals("false|true") ? Kind.FLAG : Kind.CHOICE;
            this.choices = choices;
            this.description = description;
        }

        /** The knob's name in configuration files and admin commands. */
        public String key() {
            return key;
        }

        /** Its default, as text. */
        public String defaultText() {
            return defaultText;
        }

        public String description() {
            return description;
        }

        /** The knob with this name, or null. */
        public static Knob of(String key) {
            for (Knob k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }

        /** The value's number (choices: their index, flags 0/1), or an exception naming the knob and the range. */
        double parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            switch (kind) {
                case FLAG, CHOICE -> {
                    List<String> options = List.of(choices.split("\\|"));
                    int i = options.indexOf(t);
                    if (i < 0) {
                        throw new IllegalArgumentException(key + " must be one of " + choices.replace("|", ", ")
                                + " (got '" + text + "')");
                    }
                    return i;
                }
                default -> {
                    double v;
                    try {
                        v = Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!(v >= min && v <= max) || (kind == Kind.WHOLE && v != Math.rint(v))) {
                        throw new IllegalArgumentException(key + " must be a " + (kind == Kind.WHOLE ? "whole " : "")
                                + "number from " + plain(min) + " to " + plain(max) + " (got '" + text + "')");
                    }
                    return v;
                }
            }
        }

        String format(double v) {
            return switch (kind) {
                case FLAG, CHOICE -> choices.split("\\|")[(int) v];
                default -> plain(v);
            };
        }

        private static String plain(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    private static final MmParams DEFAULTS;

    static {
        double[] v = new double[Knob.values().length];
        for (Knob k : Knob.values()) {
            v[k.ordinal()] = k.parse(k.defaultText);
        }
        DEFAULTS = new MmParams(v);
    }

    private final double[] values;

    private MmParams(double[] values) {
        this.values = values;
    }

    /** The venue's defaults. */
    public static MmParams defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with the given knobs changed (names as in {@link Knob#key()}, values as text).
     *
     * @throws IllegalArgumentException listing every unknown knob, bad value and inconsistency
     */
    public MmParams with(Map<String, String> changes) {
        double[] v = values.clone();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : changes.entrySet()) {
            Knob k = Knob.of(e.getKey());
            if (k == null) {
                problems.add("unknown market-maker parameter '" + e.getKey() + "'");
                continue;
            }
            try {
                v[k.ordinal()] = k.parse(e.getValue());
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        if (v[Knob.MAX_SPREAD_BPS.ordinal()] < v[Knob.MIN_SPREAD_BPS.ordinal()]) {
            problems.add("maxSpreadBps must be at least minSpreadBps");
        }
        if (v[Knob.MAX_DEPTH_BPS.ordinal()] < v[Knob.MIN_DEPTH_BPS.ordinal()]) {
            problems.add("maxDepthBps must be at least minDepthBps");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new MmParams(v);
    }

    /** Every knob with its value, as text, in declaration order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Knob k : Knob.values()) {
            m.put(k.key, k.format(values[k.ordinal()]));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The knobs whose values differ from {@code base}. */
    public Map<String, String> diff(MmParams base) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Knob k : Knob.values()) {
            if (values[k.ordinal()] != base.values[k.ordinal()]) {
                m.put(k.key, k.format(values[k.ordinal()]));
            }
        }
        return m;
    }

    /** One knob's value as a number (choices: index; flags: 0 or 1). */
    public double get(Knob k) {
        return values[k.ordinal()];
    }

    public double gamma() { return get(Knob.GAMMA); }
    public double makerFeeBps() { return get(Knob.MAKER_FEE_BPS); }
    public double minSpreadBps() { return get(Knob.MIN_SPREAD_BPS); }
    public double maxSpreadBps() { return get(Knob.MAX_SPREAD_BPS); }
    public double skewDamping() { return get(Knob.SKEW_DAMPING); }
    public double tauUpdateSeconds() { return get(Knob.TAU_UPDATE_MS) / 1000.0; }
    public int levels() { return (int) get(Knob.LEVELS); }
    public boolean geometricSpacing() { return get(Knob.SPACING) == 0; }
    public double minDepthBps() { return get(Knob.MIN_DEPTH_BPS); }
    public double maxDepthBps() { return get(Knob.MAX_DEPTH_BPS); }
    /** 0 equal, 1 front-weighted, 2 back-weighted. */
    public int sizeAllocation() { return (int) get(Knob.SIZE_ALLOCATION); }
    public double notionalPerSideUsd() { return get(Knob.NOTIONAL_PER_SIDE_USD); }
    public double maxLongUsd() { return get(Knob.MAX_LONG_USD); }
    public double maxShortUsd() { return get(Knob.MAX_SHORT_USD); }
    public double maxBpsDiff() { return get(Knob.MAX_BPS_DIFF); }
    public long forcedRefreshNanos() { return (long) (get(Knob.FORCED_REFRESH_SECONDS) * 1e9); }
    public boolean hedgeOnly() { return get(Knob.HEDGE_ONLY) == 1; }
    public double windowSeconds() { return get(Knob.WINDOW_SECONDS); }
    public long refitNanos() { return (long) (get(Knob.REFIT_SECONDS) * 1e9); }
    public int warmupTrades() { return (int) get(Knob.WARMUP_TRADES); }
    public long sampleNanos() { return (long) (get(Knob.SAMPLE_MS) * 1e6); }
    public double ewmaHalfLifeSeconds() { return get(Knob.EWMA_HALF_LIFE_SECONDS); }
    public boolean sigmaFromBipower() { return get(Knob.SIGMA_SOURCE) == 1; }
    public double depthBucketBps() { return get(Knob.DEPTH_BUCKET_BPS); }
    public int depthBuckets() { return (int) get(Knob.DEPTH_BUCKETS); }
    public double priorSigmaBps() { return get(Knob.PRIOR_SIGMA_BPS); }
    public double priorA() { return get(Knob.PRIOR_A); }
    public double priorKPerBp() { return get(Knob.PRIOR_K_PER_BP); }
    public int imbalanceLevels() { return (int) get(Knob.IMBALANCE_LEVELS); }
    public double dailyLossLimitUsd() { return get(Knob.DAILY_LOSS_LIMIT_USD); }
    public double capitalUsd() { return get(Knob.CAPITAL_USD); }
    public double maxDrawdownPct() { return get(Knob.MAX_DRAWDOWN_PCT); }
    public double maxPositionValueUsd() { return get(Knob.MAX_POSITION_VALUE_USD); }
    public long staleDataNanos() { return (long) (get(Knob.STALE_DATA_MS) * 1e6); }
    public int maxRateLimitErrors() { return (int) get(Knob.MAX_RATE_LIMIT_ERRORS); }
    public double trailingTakeProfitUsd() { return get(Knob.TRAILING_TAKE_PROFIT_USD); }
    public double trailingStopLossUsd() { return get(Knob.TRAILING_STOP_LOSS_USD); }
    public long deadManMillis() { return (long) (get(Knob.DEAD_MAN_SECONDS) * 1000); }

    @Override
    public boolean equals(Object o) {
        return o instanceof MmParams p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MmParams" + diff(DEFAULTS);
    }
}
