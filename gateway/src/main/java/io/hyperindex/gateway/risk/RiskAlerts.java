package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.RiskLimits;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Edge-triggered alert levels: a limit's alert fires once when its use crosses 80%, once at
 * 100%, and re-arms when use falls back below the level. The limits an account is watched on
 * are a fixed list (open orders, exposures, daily loss, one position limit per instrument),
 * addressed by index so that the check after every order is an array access.
 */
public final class RiskAlerts {
    public static final int OPEN_ORDERS = 0;
    public static final int GROSS_EXPOSURE = 1;
    public static final int NET_EXPOSURE = 2;
    public static final int DAILY_LOSS = 3;
    private static final int FIRST_POSITION = 4;

    private final String[] names;
    /** Per account and limit: the level last reached (0, 80 or 100). */
    private final byte[][] levels;

    public RiskAlerts(Instrument[] instruments, int accounts) {
        names = new String[FIRST_POSITION + instruments.length];
        names[OPEN_ORDERS] = "open_orders";
        names[GROSS_EXPOSURE] = "gross_exposure";
        names[NET_EXPOSURE] = "net_exposure";
        names[DAILY_LOSS] = "daily_loss";
        for (int i = 0; i < instruments.length; i++) {
            names[FIRST_POSITION + i] = "position:" + instruments[i].symbol();
        }
        levels = new byte[accounts][names.length];
    }

    /** The limit index of the position limit on {@code instrument}. */
    public static int position(int instrument) {
        return FIRST_POSITION + instrument;
    }

    /** The name alerts carry for limit {@code index}, e.g. {@code position:BTC-USDC}. */
    public String name(int index) {
        return names[index];
    }

    /**
     * Records the use of a limit and returns the level (80 or 100) it has newly reached, or 0
     * if no alert is due. Unlimited limits never alert.
     */
    public int update(int account, int limit, long used, long max) {
        if (max == RiskLimits.UNLIMITED || max <= 0) {
            return 0;
        }
        int level = used >= max ? 100 : used >= max - max / 5 ? 80 : 0;
        int before = levels[account][limit];
        if (level == before) {
            return 0;
        }
        levels[account][limit] = (byte) level;
        return level > before ? level : 0;
    }

    /** Forgets the levels of an account (after its limits change). */
    public void reset(int account) {
        java.util.Arrays.fill(levels[account], (byte) 0);
    }

    /**
     * Writes the armed levels. They are state: without them a restored engine would fire again
     * an alert that fired before the snapshot.
     */
    public void write(DataOutput out) throws IOException {
        for (byte[] account : levels) {
            out.write(account);
        }
    }

    /** Reads what {@link #write} wrote, replacing the current levels. */
    public void read(DataInput in) throws IOException {
        for (byte[] account : levels) {
            in.readFully(account);
        }
    }
}
