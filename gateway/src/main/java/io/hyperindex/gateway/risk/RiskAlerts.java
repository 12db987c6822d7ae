package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.RiskLimits;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Edge-triggered alert levels: a limit's alert fires once when its use crosses 80%, once at
 * 100%, and re-arms when use falls back below the level.
 */
public final class RiskAlerts {
    private final Map<String, Integer>[] levels;

    @SuppressWarnings("unchecked")
    public RiskAlerts(int accounts) {
        levels = new Map[accounts];
        for (int a = 0; a < accounts; a++) {
            levels[a] = new HashMap<>();
        }
    }

    /**
     * Records the use of a limit and returns the level (80 or 100) it has newly reached, or 0
     * if no alert is due. Unlimited limits never alert.
     */
    public int update(int account, String limit, long used, long max) {
        if (max == RiskLimits.UNLIMITED || max <= 0) {
            return 0;
        }
        int level = used >= max ? 100 : used >= max - max / 5 ? 80 : 0;
        int before = levels[account].getOrDefault(limit, 0);
        if (level == before) {
            return 0;
        }
        if (level == 0) {
            levels[account].remove(limit);
        } else {
            levels[account].put(limit, level);
        }
        return level > before ? level : 0;
    }

    /** Forgets the levels of an account (after its limits change). */
    public void reset(int account) {
        levels[account].clear();
    }

    /**
     * Writes the armed levels in a canonical order (account, then limit name). They are state:
     * without them a restored engine would fire again an alert that fired before the snapshot.
     */
    public void write(DataOutput out) throws IOException {
        for (Map<String, Integer> account : levels) {
            out.writeInt(account.size());
            for (Map.Entry<String, Integer> e : new TreeMap<>(account).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeByte(e.getValue());
            }
        }
    }

    /** Reads what {@link #write} wrote, replacing the current levels. */
    public void read(DataInput in) throws IOException {
        for (Map<String, Integer> account : levels) {
            account.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                account.put(in.readUTF(), (int) in.readByte());
            }
        }
    }
}
