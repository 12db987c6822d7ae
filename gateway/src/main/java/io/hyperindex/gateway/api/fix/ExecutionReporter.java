package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecInst;
import quickfix.field.ExecType;
import quickfix.field.LastLiquidityInd;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MassCancelRejectReason;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MassCancelResponse;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotalAffectedOrders;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;
import quickfix.fix44.OrderMassCancelReport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Turns the engine's order events into ExecutionReports, OrderCancelRejects and
 * OrderMassCancelReports, and sends each to the session that placed the order and to every
 * drop-copy session of its account. It also submits the FIX sessions' order commands, so that
 * a cancel or replace can name an order by the ClOrdID of its last replace.
 *
 * <p>Each reporter is one lane of {@link ReportLanes}: it keeps the orders of the accounts it
 * {@linkplain #owns owns} (account modulo the lane count), runs on its lane's thread only (the
 * {@code Executor} given; no locks on its state) and sends its reports itself, so a report goes
 * from the engine's result to the socket with one thread hand-off.
 */
final class ExecutionReporter {
    /** How many finished orders are remembered for OrderStatusRequest. */
    private static final int FINISHED_REMEMBERED = 10_000;

    /** What a FIX request asked for, to word the reply to its result. */
    record Request(SessionID session, char msgType, String clOrdId, String origClOrdId, char massCancelType) {
    }

    /** A live order as the engine holds it at start-up. */
    record LiveOrder(long orderId, int account, int instrument, String clientOrderId, Side side, TimeInForce tif,
                     int flags, long session, long price, long quantity, long remaining, long filled) {
    }

    private final Engine engine;
    private final Executor outbound;
    private final List<Instrument> instruments;
    private final FixSessionDirectory directory;
    private final LiveSessions sessions;
    /**
     * Requests in flight by command identity, with when each was handed to the engine
     * (System.nanoTime, for the request metrics): session threads add new orders, the outbound
     * thread the rest.
     */
    private final Map<Command, InFlight> pending = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    private final FixAcceptor.Observer observer;

    private record InFlight(Request request, long submittedNanos) {
    }
    private final Map<Long, OrderView> live = new HashMap<>();
    private final Map<String, OrderView> byClOrdId = new HashMap<>();
    private final Map<Long, OrderView> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, OrderView> eldest) {
            return size() > FINISHED_REMEMBERED;
        }
    };
    private final String execIdPrefix;
    private final int lane;
    private final int lanes;
    private final BiConsumer<SessionID, Message> sender;
    private long execSeq;

    /**
     * @param lane   this reporter's lane, 0 to {@code lanes - 1}: it owns the accounts {@code a}
     *               with {@code floorMod(a, lanes) == lane}
     * @param sender sends a message on a session, on the calling thread or handing it on
     */
    ExecutionReporter(Engine engine, Executor outbound, List<Instrument> instruments, FixSessionDirectory directory,
                      LiveSessions sessions, FixAcceptor.Observer observer, int lane, int lanes,
                      BiConsumer<SessionID, Message> sender) {
        if (lanes < 1 || lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException("lane " + lane + " of " + lanes);
        }
        this.lane = lane;
        this.lanes = lanes;
        this.sender = sender;
        // unique across lanes and restarts: the start time, then the lane
        this.execIdPrefix = Long.toString(System.currentTimeMillis(), 36) + (lanes == 1 ? "" : "L" + lane);
        this.observer = observer;
        this.engine = engine;
        this.outbound = outbound;
        this.instruments = instruments;
        this.directory = directory;
        this.sessions = sessions;
    }

    // ------------------------------------------------------------------ requests (lane thread)

    /** Whether this lane keeps and reports the orders of {@code account}. */
    boolean owns(int account) {
        return laneOf(account, lanes) == lane;
    }

    /** The lane of {@code account} among {@code lanes}. */
    static int laneOf(int account, int lanes) {
        return Math.floorMod(account, lanes);
    }

    /** Learns the orders live in the engine at start-up (placed before a restart); keeps those of its accounts. */
    void seed(List<LiveOrder> orders) {
        for (LiveOrder o : orders) {
            if (!owns(o.account())) {
                continue;
            }
            OrderView v = new OrderView(o.orderId(), o.account(), o.instrument(), o.clientOrderId(), o.side(),
                    OrderType.LIMIT, o.tif(), o.flags(), o.session(), o.price(), o.quantity());
            v.leaves = o.remaining();
            v.cum = o.filled();
            v.pxQty = o.price() * o.filled(); // fills of a resting order are at its price
            v.ordStatus = v.workingStatus();
            track(v);
        }
    }

    /**
     * Submits a command a FIX session asked for; its result is answered in {@link #onResult}.
     * Safe on any thread: a session thread submits its NewOrderSingles itself, so an order
     * reaches the engine without waiting for the lane (one thread hand-off fewer on the way to
     * its acknowledgement). Commands that name an order by ClOrdID go through the lane, which
     * knows the orders.
     */
    void submit(Command command, Request request) {
        pending.put(command, new InFlight(request, System.nanoTime()));
        engine.submit(command, r -> {
            if (r.sequence() == 0) { // refused before the journal: subscribers never see it
                outbound.execute(() -> onResult(r));
            }
        });
    }

    /** An OrderCancelRequest (F) or OrderCancelReplaceRequest (G, newPrice/newQuantity -1 = unchanged). */
    void cancelOrReplace(FixSessionDirectory.Entry entry, Request request, String orderIdText, int instrument,
                         Side side, long newPrice, long newQuantity) {
        OrderView v = resolve(entry.account(), orderIdText, request.origClOrdId());
        long orderId = v != null ? v.orderId : parseOrderId(orderIdText);
        String engineClOrdId = orderId > 0 ? null : request.origClOrdId();
        if (v != null && (v.instrument != instrument || v.side != side)) {
            rejectCancel(request, entry.account(), v, request.msgType() == 'G' ? ReasonCode.INVALID_AMEND
                    : ReasonCode.UNKNOWN_ORDER);
            return;
        }
        if (request.msgType() == 'F') {
            submit(new Command.CancelOrder(entry.account(), orderId, engineClOrdId), request);
            return;
        }
        long price = newPrice >= 0 ? newPrice : v != null ? v.price : -1;
        long qty = newQuantity >= 0 ? newQuantity : v != null ? v.quantity : -1;
        if (price < 0 || qty < 0) {
            rejectCancel(request, entry.account(), v, ReasonCode.UNKNOWN_ORDER);
            return;
        }
        submit(new Command.AmendOrder(entry.account(), orderId, engineClOrdId, price, qty), request);
    }

    /** An OrderStatusRequest (H): the order's state as an ExecutionReport with ExecType I. */
    void status(FixSessionDirectory.Entry entry, SessionID to, String orderIdText, String clOrdId, int instrument,
                Side side) {
        OrderView v = resolve(entry.account(), orderIdText, clOrdId);
        if (v == null) {
            long id = parseOrderId(orderIdText);
            OrderView f = id > 0 ? finished.get(id) : null;
            v = f != null && f.account == entry.account() ? f : null;
        }
        if (v == null) {
            ExecutionReport m = rejectReport(clOrdId, instrument, side, ReasonCode.UNKNOWN_ORDER);
            m.setChar(ExecType.FIELD, ExecType.ORDER_STATUS);
            send(to, m);
            return;
        }
        ExecutionReport m = report(v, ExecType.ORDER_STATUS, engine.lastSequence());
        send(to, m);
    }

    /** A NewOrderSingle refused at the FIX edge (it never reached the engine). */
    void rejectNew(SessionID to, int account, String clOrdId, int instrument, Side side, ReasonCode reason) {
        ExecutionReport m = rejectReport(clOrdId, instrument, side, reason);
        deliver(m, to, account);
    }

    /** A cancel or replace refused (at the edge or by the engine). */
    void rejectCancel(Request request, int account, OrderView v, ReasonCode reason) {
        FixRejectCodes.Mapping map = FixRejectCodes.of(reason);
        OrderCancelReject m = new OrderCancelReject();
        m.setString(OrderID.FIELD, v != null ? Long.toString(v.orderId) : "NONE");
        m.setString(ClOrdID.FIELD, request.clOrdId());
        m.setString(OrigClOrdID.FIELD, request.origClOrdId());
        m.setChar(OrdStatus.FIELD, v != null ? v.ordStatus : OrdStatus.REJECTED);
        m.setChar(CxlRejResponseTo.FIELD, request.msgType() == 'G' ? CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST
                : CxlRejResponseTo.ORDER_CANCEL_REQUEST);
        m.setInt(CxlRejReason.FIELD, map.cxlRejReason());
        m.setString(Text.FIELD, FixRejectCodes.text(reason));
        send(request.session(), m);
    }

    /** An OrderMassCancelRequest refused at the edge (unsupported type or unknown symbol). */
    void rejectMassCancel(Request request, String rejectReason, String text) {
        OrderMassCancelReport m = massCancelReport(request, "NONE");
        m.setChar(MassCancelResponse.FIELD, MassCancelResponse.CANCEL_REQUEST_REJECTED_SEE_MASSCANCELREJECTREASON);
        if (rejectReason != null) {
            m.setString(MassCancelRejectReason.FIELD, rejectReason); // a CHAR in FIX 4.4
        }
        m.setString(Text.FIELD, text);
        send(request.session(), m);
    }

    // ------------------------------------------------------------------ engine results (lane thread)

    /**
     * Reports one command's outcome for this lane's accounts (the other lanes see the same
     * result); the request is known when a FIX session sent the command.
     */
    void onResult(CommandResult r) {
        InFlight inFlight = pending.remove(r.command());
        Request request = inFlight == null ? null : inFlight.request();
        ReasonCode rejected = r.rejection();
        if (inFlight != null) {
            observer.request(Character.toString(request.msgType()), rejected == null ? "ok" : rejected.name(),
                    System.nanoTime() - inFlight.submittedNanos());
        }
        if (rejected != null) {
            if (owns(r.command().account())) {
                onRejected(r, request, rejected);
            }
            return;
        }
        int cancelled = 0;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAccepted a) {
                if (owns(a.account())) {
                    onAccepted(r, a, request);
                }
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                onTrade(r, t);
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                cancelled++;
                onCancelled(r, c, request);
            } else if (e instanceof EngineEvent.OrderAmended a) {
                onAmended(r, a, request);
            } else if (e instanceof EngineEvent.VenueCancelRequested v) {
                onPendingCancel(r, v, request);
            }
        }
        if (request != null && request.msgType() == 'q') {
            OrderMassCancelReport m = massCancelReport(request, "MC" + r.sequence());
            m.setChar(MassCancelResponse.FIELD, request.massCancelType());
            m.setInt(TotalAffectedOrders.FIELD, cancelled);
            send(request.session(), m);
        }
    }

    private void onRejected(CommandResult r, Request request, ReasonCode reason) {
        Command c = r.command();
        if (c instanceof Command.PlaceOrder p) {
            SessionID origin = request != null ? request.session() : null;
            rejectNew(origin, p.account(), p.clientOrderId(), p.instrument(), p.side(), reason);
        } else if (request != null && request.msgType() == 'q') {
            rejectMassCancel(request, null, FixRejectCodes.text(reason)); // no MassCancelRejectReason fits: Text says why
        } else if (request != null) {
            rejectCancel(request, c.account(), resolve(c.account(), null, request.origClOrdId()), reason);
        }
    }

    private void onAccepted(CommandResult r, EngineEvent.OrderAccepted a, Request request) {
        long session = r.command() instanceof Command.PlaceOrder p ? p.session() : 0;
        OrderView v = new OrderView(a.orderId(), a.account(), a.instrument(), a.clientOrderId(), a.side(), a.type(),
                a.timeInForce(), a.flags(), session, a.price(), a.quantity());
        track(v);
        deliver(report(v, ExecType.NEW, r.sequence()), v);
    }

    private void onTrade(CommandResult r, EngineEvent.TradeExecuted t) {
        fill(r, live.get(t.makerOrderId()), t, true);
        fill(r, live.get(t.takerOrderId()), t, false);
    }

    private void fill(CommandResult r, OrderView v, EngineEvent.TradeExecuted t, boolean maker) {
        if (v == null) {
            return;
        }
        v.cum += t.quantity();
        v.pxQty += t.price() * t.quantity();
        v.leaves = maker ? t.makerRemaining() : t.takerRemaining();
        v.ordStatus = v.workingStatus();
        Instrument ins = instruments.get(v.instrument);
        ExecutionReport m = report(v, ExecType.TRADE, r.sequence());
        m.setString(ExecID.FIELD, "T" + t.tradeId() + (maker ? "M" : "T"));
        m.setDecimal(LastPx.FIELD, ins.price(t.price()));
        m.setDecimal(LastQty.FIELD, ins.qty(t.quantity()));
        m.setInt(LastLiquidityInd.FIELD, maker ? LastLiquidityInd.ADDED_LIQUIDITY : LastLiquidityInd.REMOVED_LIQUIDITY);
        m.setDecimal(FixTags.FILL_FEE, plain(BigDecimal.valueOf(maker ? t.makerFee() : t.takerFee(), Money.CASH_DECIMALS)));
        m.setDecimal(FixTags.FILL_FEE_RATE, plain(BigDecimal.valueOf(maker ? t.makerFeeRate() : t.takerFeeRate(), 2)));
        String tier = maker ? t.makerTier() : t.takerTier();
        if (tier != null) {
            m.setString(FixTags.FEE_TIER, tier);
        }
        m.set(new TransactTime(time(t.timestamp())));
        if (v.leaves == 0) {
            finish(v);
        }
        deliver(m, v);
    }

    /**
     * A cancel of an order routed to a remote venue was sent there: PendingCancel (ExecType and
     * OrdStatus 6) now; the Canceled report, with the same OrigClOrdID, when the venue confirms.
     */
    private void onPendingCancel(CommandResult r, EngineEvent.VenueCancelRequested c, Request request) {
        OrderView v = live.get(c.orderId());
        if (v == null || request == null || request.msgType() != 'F') {
            return; // a cancel the account did not send over FIX (mass cancel, protection): the final report says it
        }
        v.pendingCancelOrigClOrdId = v.clOrdId;
        v.pendingCancelSession = request.session();
        rename(v, request.clOrdId());
        v.ordStatus = OrdStatus.PENDING_CANCEL;
        ExecutionReport m = report(v, ExecType.PENDING_CANCEL, r.sequence());
        m.setString(OrigClOrdID.FIELD, v.pendingCancelOrigClOrdId);
        deliver(m, v, request.session());
    }

    private void onCancelled(CommandResult r, EngineEvent.OrderCancelled c, Request request) {
        OrderView v = live.get(c.orderId());
        if (v == null) {
            return;
        }
        String origClOrdId = v.pendingCancelOrigClOrdId;
        if (request != null && request.msgType() == 'F') {
            origClOrdId = v.clOrdId;
            rename(v, request.clOrdId());
        } else if (origClOrdId != null) {
            request = new Request(v.pendingCancelSession, 'F', v.clOrdId, origClOrdId, ' ');
        }
        v.leaves = 0;
        v.ordStatus = c.reason().isExpiry() ? OrdStatus.EXPIRED : OrdStatus.CANCELED;
        finish(v);
        ExecutionReport m = report(v, c.reason().isExpiry() ? ExecType.EXPIRED : ExecType.CANCELED, r.sequence());
        if (origClOrdId != null) {
            m.setString(OrigClOrdID.FIELD, origClOrdId);
        }
        m.setString(Text.FIELD, FixRejectCodes.text(c.reason()));
        deliver(m, v, request != null && request.msgType() == 'F' ? request.session() : null);
    }

    private void onAmended(CommandResult r, EngineEvent.OrderAmended a, Request request) {
        OrderView v = live.get(a.orderId());
        if (v == null) {
            return;
        }
        String origClOrdId = v.clOrdId;
        if (request != null && request.msgType() == 'G') {
            rename(v, request.clOrdId());
        }
        v.price = a.price();
        v.quantity = a.quantity();
        v.leaves = a.remaining();
        v.ordStatus = v.workingStatus();
        ExecutionReport m = report(v, ExecType.REPLACED, r.sequence());
        if (origClOrdId != null) {
            m.setString(OrigClOrdID.FIELD, origClOrdId);
        }
        deliver(m, v, request != null && request.msgType() == 'G' ? request.session() : null);
    }

    // ------------------------------------------------------------------ views

    private void track(OrderView v) {
        live.put(v.orderId, v);
        if (v.clOrdId != null) {
            byClOrdId.put(clKey(v.account, v.clOrdId), v);
        }
    }

    private void finish(OrderView v) {
        live.remove(v.orderId);
        if (v.clOrdId != null) {
            byClOrdId.remove(clKey(v.account, v.clOrdId), v);
        }
        finished.put(v.orderId, v);
    }

    private void rename(OrderView v, String clOrdId) {
        if (v.clOrdId != null) {
            byClOrdId.remove(clKey(v.account, v.clOrdId), v);
        }
        v.clOrdId = clOrdId;
        if (clOrdId != null) {
            byClOrdId.put(clKey(v.account, clOrdId), v);
        }
    }

    /** The live order of {@code account} named by OrderID (if numeric) or else by ClOrdID; null if none. */
    private OrderView resolve(int account, String orderIdText, String clOrdId) {
        long id = parseOrderId(orderIdText);
        OrderView v = id > 0 ? live.get(id) : clOrdId == null ? null : byClOrdId.get(clKey(account, clOrdId));
        return v != null && v.account == account ? v : null;
    }

    private static long parseOrderId(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(text);
    }

    private static String clKey(int account, String clOrdId) {
        return account + "\u0001" + clOrdId;
    }

    // ------------------------------------------------------------------ messages

    private void send(SessionID to, Message m) {
        sender.accept(to, m);
    }

    /** Sends a report of an order to its session and to the account's drop copies. */
    private void deliver(Message m, OrderView v) {
        deliver(m, v, null);
    }

    /** As {@link #deliver(Message, OrderView)}, and to {@code requester} too if another session of the account asked. */
    private void deliver(Message m, OrderView v, SessionID requester) {
        FixSessionDirectory.Entry origin = directory.byEngineSession(v.engineSession);
        SessionID originId = origin == null ? null : FixSessionDirectory.sessionIdOf(origin);
        List<SessionID> to = recipients(originId, v.account);
        if (requester != null && !to.contains(requester)) {
            to.add(requester);
        }
        sendToAll(m, to);
    }

    private void deliver(Message m, SessionID origin, int account) {
        sendToAll(m, recipients(origin, account));
    }

    /** The order's own session (while it is away too: the store keeps the report for resend) and the account's drop copies. */
    private List<SessionID> recipients(SessionID origin, int account) {
        List<SessionID> to = new ArrayList<>(2);
        if (origin != null) {
            LiveSessions.LiveSession s = sessions.get(origin);
            if (s == null || !s.dropCopy()) {
                to.add(origin);
            }
        }
        for (SessionID copy : sessions.dropCopiesOf(account)) {
            if (!copy.equals(origin)) {
                to.add(copy);
            }
        }
        return to;
    }

    /**
     * Sends {@code m} to each session: a copy to all but the last, {@code m} itself to the last
     * (QuickFIX/J writes each session's header into the message it sends), so the usual report,
     * with one recipient, is not copied at all.
     */
    private void sendToAll(Message m, List<SessionID> to) {
        for (int i = 0; i < to.size(); i++) {
            send(to.get(i), i == to.size() - 1 ? m : (Message) m.clone());
        }
    }

    private ExecutionReport report(OrderView v, char execType, long sequence) {
        Instrument ins = instruments.get(v.instrument);
        ExecutionReport m = new ExecutionReport();
        m.setString(OrderID.FIELD, Long.toString(v.orderId));
        m.setString(ExecID.FIELD, execIdPrefix + "-" + sequence + "-" + (++execSeq));
        m.setChar(ExecType.FIELD, execType);
        m.setChar(OrdStatus.FIELD, v.ordStatus);
        if (v.clOrdId != null) {
            m.setString(ClOrdID.FIELD, v.clOrdId);
        }
        m.setString(Symbol.FIELD, ins.symbol());
        m.setChar(quickfix.field.Side.FIELD, v.side == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL);
        m.setChar(OrdType.FIELD, v.type == OrderType.MARKET ? OrdType.MARKET : OrdType.LIMIT);
        if (v.type == OrderType.LIMIT) {
            m.setDecimal(Price.FIELD, ins.price(v.price));
        }
        m.setChar(quickfix.field.TimeInForce.FIELD, tif(v.timeInForce));
        String execInst = execInst(v.flags);
        if (!execInst.isEmpty()) {
            m.setString(ExecInst.FIELD, execInst);
        }
        if (OrderFlags.has(v.flags, OrderFlags.MMP)) {
            m.setBoolean(FixTags.MMP_ORDER, true);
        }
        m.setDecimal(OrderQty.FIELD, ins.qty(v.quantity));
        m.setDecimal(LeavesQty.FIELD, ins.qty(v.leaves));
        m.setDecimal(CumQty.FIELD, ins.qty(v.cum));
        m.setDecimal(AvgPx.FIELD, avgPx(ins, v));
        m.set(new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        return m;
    }

    private ExecutionReport rejectReport(String clOrdId, int instrument, Side side, ReasonCode reason) {
        ExecutionReport m = new ExecutionReport();
        m.setString(OrderID.FIELD, "NONE");
        m.setString(ExecID.FIELD, execIdPrefix + "-R-" + (++execSeq));
        m.setChar(ExecType.FIELD, ExecType.REJECTED);
        m.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
        if (clOrdId != null) {
            m.setString(ClOrdID.FIELD, clOrdId);
        }
        m.setString(Symbol.FIELD, instrument >= 0 && instrument < instruments.size()
                ? instruments.get(instrument).symbol() : "UNKNOWN");
        m.setChar(quickfix.field.Side.FIELD, side == Side.SELL ? quickfix.field.Side.SELL : quickfix.field.Side.BUY);
        m.setDecimal(LeavesQty.FIELD, BigDecimal.ZERO);
        m.setDecimal(CumQty.FIELD, BigDecimal.ZERO);
        m.setDecimal(AvgPx.FIELD, BigDecimal.ZERO);
        m.setInt(OrdRejReason.FIELD, FixRejectCodes.of(reason).ordRejReason());
        m.setString(Text.FIELD, FixRejectCodes.text(reason));
        m.set(new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        return m;
    }

    private static OrderMassCancelReport massCancelReport(Request request, String orderId) {
        OrderMassCancelReport m = new OrderMassCancelReport();
        m.setString(OrderID.FIELD, orderId);
        m.setString(ClOrdID.FIELD, request.clOrdId());
        m.setChar(MassCancelRequestType.FIELD, request.massCancelType());
        return m;
    }

    private static BigDecimal avgPx(Instrument ins, OrderView v) {
        if (v.cum == 0) {
            return BigDecimal.ZERO;
        }
        return plain(BigDecimal.valueOf(v.pxQty).divide(BigDecimal.valueOf(v.cum), 6, RoundingMode.HALF_EVEN)
                .movePointLeft(ins.priceDecimals()));
    }

    /** {@code d} without trailing zeros and never in exponent form. */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static char tif(TimeInForce t) {
        return switch (t) {
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
            case FOK -> quickfix.field.TimeInForce.FILL_OR_KILL;
        };
    }

    static String execInst(int flags) {
        StringBuilder b = new StringBuilder();
        if (OrderFlags.has(flags, OrderFlags.POST_ONLY)) {
            b.append(ExecInst.PARTICIPATE_DONT_INITIATE);
        }
        if (OrderFlags.has(flags, OrderFlags.REDUCE_ONLY)) {
            b.append(b.length() > 0 ? " " : "").append(ExecInst.DO_NOT_INCREASE_DNI);
        }
        return b.toString();
    }

    private static LocalDateTime time(long epochNanos) {
        return LocalDateTime.ofEpochSecond(epochNanos / 1_000_000_000L, (int) (epochNanos % 1_000_000_000L), ZoneOffset.UTC);
    }
}
