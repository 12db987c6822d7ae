package io.hyperindex.gateway.api.fix;

/** The HyperIndex custom tags of the FIX 4.4 dictionary (fix-spec/FIX44.xml, "Custom tags" in the Rules of Engagement). */
public final class FixTags {
    /** Logon: cancel-on-disconnect, N (off, default), Y (on socket loss) or L (on socket loss and on Logout). */
    public static final int CANCEL_ON_DISCONNECT = 9001;
    /** Logon: what cancel-on-disconnect cancels, S (orders this session placed, default) or A (all the account's orders). */
    public static final int CANCEL_ON_DISCONNECT_SCOPE = 9002;
    /** Logon: T (trading, default) or D (drop copy: read-only, receives every ExecutionReport of the account). */
    public static final int SESSION_ROLE = 9003;
    /** NewOrderSingle / ExecutionReport: Y = the order counts for market-maker protection and is cancelled when it trips. */
    public static final int MMP_ORDER = 9010;
    /** ExecutionReport of a fill: the fee in USDC, positive = paid, negative = rebate received. */
    public static final int FILL_FEE = 9020;
    /** ExecutionReport of a fill: the fee rate applied, in basis points (negative = rebate). */
    public static final int FILL_FEE_RATE = 9021;
    /** ExecutionReport of a fill: the fee tier (or "negotiated") the fill was charged at. */
    public static final int FEE_TIER = 9022;
    /** SecurityList entry: price increment. */
    public static final int TICK_SIZE = 9030;
    /** SecurityList entry: smallest price x quantity of an order, USDC. */
    public static final int MIN_NOTIONAL = 9031;
    /** SecurityList entry: largest quantity of one order. */
    public static final int MAX_ORDER_QTY = 9032;

    private FixTags() {
    }
}
