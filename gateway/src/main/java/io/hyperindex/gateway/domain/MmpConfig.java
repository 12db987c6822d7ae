package io.hyperindex.gateway.domain;

/**
 * Market-maker protection for one account and one group of instruments. Fills of orders
 * flagged MMP are counted over a sliding window; when their total notional reaches
 * {@code quantityLimit} or the absolute sum of signed notional (bought minus sold) reaches
 * {@code deltaLimit}, every MMP order of the account in the group is cancelled and new MMP
 * orders are refused for {@code frozenMillis} (0 = until a manual reset). Limits are in
 * cash units of notional so that a group may span instruments with different lot sizes.
 *
 * @param group        a name for the group, e.g. "majors"
 * @param instruments  instrument ids in the group
 */
public record MmpConfig(String group, int[] instruments, long windowMillis, long quantityLimit, long deltaLimit,
                        long frozenMillis) {
    public MmpConfig {
        if (group == null || group.isBlank() || instruments == null || instruments.length == 0) {
            throw new IllegalArgumentException("an MMP group needs a name and at least one instrument");
        }
        if (windowMillis <= 0 || windowMillis > 3_600_000 || quantityLimit <= 0 || deltaLimit <= 0 || frozenMillis < 0) {
            throw new IllegalArgumentException("MMP " + group + ": window 1 ms..1 h, positive limits, frozen >= 0");
        }
        instruments = instruments.clone();
    }

    public boolean covers(int instrument) {
        for (int i : instruments) {
            if (i == instrument) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MmpConfig m && group.equals(m.group) && java.util.Arrays.equals(instruments, m.instruments)
                && windowMillis == m.windowMillis && quantityLimit == m.quantityLimit && deltaLimit == m.deltaLimit
                && frozenMillis == m.frozenMillis;
    }

    @Override
    public int hashCode() {
        return group.hashCode() * 31 + java.util.Arrays.hashCode(instruments);
    }

    @Override
    public String toString() {
        return "MmpConfig{" + group + " " + java.util.Arrays.toString(instruments) + " window=" + windowMillis
                + "ms qty=" + quantityLimit + " delta=" + deltaLimit + " frozen=" + frozenMillis + "ms}";
    }
}
