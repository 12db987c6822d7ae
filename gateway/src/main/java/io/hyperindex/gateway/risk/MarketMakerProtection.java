package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.MmpConfig;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Market-maker protection state: per account, its MMP groups, the MMP fills inside each
 * group's window, and whether the group is frozen. The engine cancels the orders when
 * {@link #onFill} reports a trip.
 */
public final class MarketMakerProtection {
    /** Freeze with no end: until a manual reset. */
    public static final long UNTIL_RESET = Long.MAX_VALUE;

    private static final class Group {
        final MmpConfig config;
        final ArrayDeque<long[]> fills = new ArrayDeque<>(); // {timestamp, signed notional}
        long quantity;
        long delta;
        long frozenUntil;

        Group(MmpConfig config) {
            this.config = config;
        }
    }

    private final List<List<Group>> groups;

    public MarketMakerProtection(int accounts) {
        groups = new ArrayList<>(accounts);
        for (int a = 0; a < accounts; a++) {
            groups.add(new ArrayList<>());
        }
    }

    /** Sets (or replaces, by group name) a group; a replaced group starts a fresh window and is unfrozen. */
    public void configure(int account, MmpConfig config) {
        List<Group> gs = groups.get(account);
        gs.removeIf(g -> g.config.group().equals(config.group()));
        gs.add(new Group(config));
    }

    /** Unfreezes a group and clears its window; returns false if there is no such group. */
    public boolean reset(int account, String group) {
        for (Group g : groups.get(account)) {
            if (g.config.group().equals(group)) {
                g.fills.clear();
                g.quantity = 0;
                g.delta = 0;
                g.frozenUntil = 0;
                return true;
            }
        }
        return false;
    }

    /** True if an MMP order on {@code instrument} must be refused now. */
    public boolean isFrozen(int account, int instrument, long now) {
        for (Group g : groups.get(account)) {
            if (g.frozenUntil > now && g.config.covers(instrument)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts a fill of an MMP order: {@code signedNotional} positive when the account bought.
     * Returns the group that tripped (now frozen, window cleared), or null.
     */
    public MmpConfig onFill(int account, int instrument, long signedNotional, long now) {
        for (Group g : groups.get(account)) {
            if (!g.config.covers(instrument)) {
                continue;
            }
            long windowStart = now - g.config.windowMillis() * 1_000_000L;
            while (!g.fills.isEmpty() && g.fills.peekFirst()[0] <= windowStart) {
                long[] old = g.fills.pollFirst();
                g.quantity -= Math.abs(old[1]);
                g.delta -= old[1];
            }
            g.fills.addLast(new long[]{now, signedNotional});
            g.quantity += Math.abs(signedNotional);
            g.delta += signedNotional;
            if (g.quantity >= g.config.quantityLimit() || Math.abs(g.delta) >= g.config.deltaLimit()) {
                g.frozenUntil = g.config.frozenMillis() == 0 ? UNTIL_RESET : now + g.config.frozenMillis() * 1_000_000L;
                g.fills.clear();
                g.quantity = 0;
                g.delta = 0;
                return g.config;
            }
        }
        return null;
    }

    /** Earliest time a freeze ends, or Long.MAX_VALUE. */
    public long nextUnfreeze(long now) {
        long next = Long.MAX_VALUE;
        for (List<Group> gs : groups) {
            for (Group g : gs) {
                if (g.frozenUntil > now && g.frozenUntil != UNTIL_RESET) {
                    next = Math.min(next, g.frozenUntil);
                }
            }
        }
        return next;
    }

    public List<MmpConfig> groups(int account) {
        return groups.get(account).stream().map(g -> g.config).toList();
    }

    public void write(DataOutput out) throws IOException {
        for (List<Group> gs : groups) {
            out.writeInt(gs.size());
            for (Group g : gs) {
                MmpConfig c = g.config;
                out.writeUTF(c.group());
                out.writeInt(c.instruments().length);
                for (int i : c.instruments()) {
                    out.writeInt(i);
                }
                out.writeLong(c.windowMillis());
                out.writeLong(c.quantityLimit());
                out.writeLong(c.deltaLimit());
                out.writeLong(c.frozenMillis());
                out.writeLong(g.frozenUntil);
                out.writeInt(g.fills.size());
                for (long[] f : g.fills) {
                    out.writeLong(f[0]);
                    out.writeLong(f[1]);
                }
            }
        }
    }

    public void read(DataInput in) throws IOException {
        for (List<Group> gs : groups) {
            gs.clear();
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                String name = in.readUTF();
                int[] ins = new int[in.readInt()];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = in.readInt();
                }
                Group g = new Group(new MmpConfig(name, ins, in.readLong(), in.readLong(), in.readLong(), in.readLong()));
                g.frozenUntil = in.readLong();
                int fills = in.readInt();
                for (int f = 0; f < fills; f++) {
                    long[] fill = {in.readLong(), in.readLong()};
                    g.fills.addLast(fill);
                    g.quantity += Math.abs(fill[1]);
                    g.delta += fill[1];
                }
                gs.add(g);
            }
        }
    }
}
