package io.hyperindex.gateway.fees;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Double-entry balances, per partner account and for the venue, in cash units (USDC) or
 * token units. Every posting moves the same amount from one account to another, so the sum
 * of all balances of each asset is zero at all times. Owned by the engine thread.
 */
public final class Ledger {
    private static final LedgerAccount[] KINDS = LedgerAccount.values();
    private final long[][] partner; // [account][kind]
    private final long[] venue = new long[KINDS.length];

    public Ledger(int accounts) {
        partner = new long[accounts][KINDS.length];
    }

    /** Moves {@code amount} into {@code to} of account {@code toAccount} out of {@code from} of {@code fromAccount} (-1 = venue). */
    public void post(int fromAccount, LedgerAccount from, int toAccount, LedgerAccount to, long amount) {
        if (from.asset() != to.asset()) {
            throw new IllegalArgumentException("cannot post between " + from + " and " + to);
        }
        row(fromAccount, from)[from.ordinal()] -= amount;
        row(toAccount, to)[to.ordinal()] += amount;
    }

    private long[] row(int account, LedgerAccount kind) {
        if (kind.isVenue() != (account < 0)) {
            throw new IllegalArgumentException(kind + " is " + (kind.isVenue() ? "a venue" : "a partner") + " account");
        }
        return account < 0 ? venue : partner[account];
    }

    /** Balance of a partner account (or the venue's, with account -1). */
    public long balance(int account, LedgerAccount kind) {
        return row(account, kind)[kind.ordinal()];
    }

    /** A partner's USDC: trade cash + fees + rebates. */
    public long cash(int account) {
        long[] r = partner[account];
        return r[LedgerAccount.TRADE_CASH.ordinal()] + r[LedgerAccount.FEES_PAID.ordinal()]
                + r[LedgerAccount.REBATES_RECEIVED.ordinal()];
    }

    /** Sum of every balance of {@code asset}: zero unless the ledger is broken. */
    public long total(LedgerAccount.Asset asset) {
        long sum = 0;
        for (LedgerAccount k : KINDS) {
            if (k.asset() != asset) {
                continue;
            }
            sum += venue[k.ordinal()];
            for (long[] r : partner) {
                sum += r[k.ordinal()];
            }
        }
        return sum;
    }

    public int accounts() {
        return partner.length;
    }

    void write(DataOutput out) throws IOException {
        for (long[] r : partner) {
            for (long v : r) {
                out.writeLong(v);
            }
        }
        for (long v : venue) {
            out.writeLong(v);
        }
    }

    void read(DataInput in) throws IOException {
        for (long[] r : partner) {
            for (int k = 0; k < r.length; k++) {
                r[k] = in.readLong();
            }
        }
        for (int k = 0; k < venue.length; k++) {
            venue[k] = in.readLong();
        }
    }
}
