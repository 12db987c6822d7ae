package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.MassCancelRejectReason;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.RawData;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.RoundLot;
import quickfix.field.MinTradeVol;
import quickfix.field.SecurityListRequestType;
import quickfix.field.SecurityReqID;
import quickfix.field.SecurityRequestResult;
import quickfix.field.SecurityResponseID;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.Username;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.MessageCracker;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassCancelRequest;
import quickfix.fix44.OrderStatusRequest;
import quickfix.fix44.SecurityList;
import quickfix.fix44.SecurityListRequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The QuickFIX/J application of the acceptor: authenticates Logons, cracks application
 * messages into engine commands and market-data requests. A NewOrderSingle goes from the
 * session thread straight into the engine; requests that name an order (cancel, replace,
 * status) go to the report lane of the session's account, which owns that account's orders, and
 * market-data requests to the market-data thread, which owns the book copies. Cancel-on-disconnect fires from
 * {@link #onLogout}. No method blocks a QuickFIX/J thread on the engine.
 */
final class FixGateway extends MessageCracker implements Application {
    private static final Logger log = LoggerFactory.getLogger(FixGateway.class);

    private final Engine engine;
    private final Executor marketDataThread;
    private final FixSessionDirectory directory;
    private final LiveSessions sessions;
    private final ReportLanes lanes;
    private final MarketDataFeed marketData;
    private final OrderDecoder decoder;
    private final LogonThrottle throttle;
    private final Consumer<SessionID> forgetUnknown;
    private final Map<SessionID, LiveSessions.LiveSession> loggingOn = new ConcurrentHashMap<>();

    FixGateway(Engine engine, Executor marketDataThread, FixSessionDirectory directory, LiveSessions sessions,
               ReportLanes lanes, MarketDataFeed marketData, List<Instrument> instruments,
               int logonFailuresPerMinute, Consumer<SessionID> forgetUnknown) {
        this.engine = engine;
        this.marketDataThread = marketDataThread;
        this.directory = directory;
        this.sessions = sessions;
        this.lanes = lanes;
        this.marketData = marketData;
        this.decoder = new OrderDecoder(instruments);
        this.throttle = new LogonThrottle(logonFailuresPerMinute);
        this.forgetUnknown = forgetUnknown;
    }

    // ------------------------------------------------------------------ session events

    @Override
    public void onCreate(SessionID sessionID) {
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws RejectLogon {
        if (!isLogon(message)) {
            return;
        }
        Session session = Session.lookupSession(id);
        String host = LogonThrottle.hostOf(session == null ? null : session.getRemoteAddress());
        long now = System.nanoTime();
        long wait = throttle.retryAfterSeconds(host, now);
        if (wait > 0) {
            refuse(id, "too many failed Logons from this address: retry in " + wait + " s");
        }
        FixSessionDirectory.Entry entry = directory.lookup(id);
        if (entry == null) {
            throttle.failed(host, now);
            log.info("FIX Logon refused from {}: unknown CompID pair {} -> {}", host, id.getTargetCompID(),
                    id.getSenderCompID());
            refuse(id, "unknown CompID pair: SenderCompID " + id.getTargetCompID() + " with TargetCompID "
                    + id.getSenderCompID() + " is not a configured session");
        }
        String keyId = OrderDecoder.optional(message, Username.FIELD);
        String signature = OrderDecoder.optional(message, RawData.FIELD);
        GatewayConfig.ApiKey key = keyId == null ? null : entry.keys().get(keyId);
        String publicKey = key == null ? null : key.ed25519PublicKeyHex();
        String problem = keyId == null ? "Username(553) must carry the API key id"
                : publicKey == null ? "Username(553) is not a key of account " + entry.accountId()
                : signature == null ? "RawData(96) must carry the Logon signature"
                : null;
        if (problem == null) {
            try {
                if (!LogonSignature.verify(publicKey, LogonSignature.canonical(message), signature)) {
                    problem = "signature does not verify: RawData(96) must be the base64 Ed25519 signature of "
                            + "SendingTime|MsgType|MsgSeqNum|SenderCompID|TargetCompID|Username";
                }
            } catch (FieldNotFound e) {
                problem = "a signed header field is missing";
            }
        }
        if (problem != null) {
            throttle.failed(host, now);
            log.info("FIX Logon refused for {} from {}: {}", entry.partnerCompId(), host, problem);
            refuse(id, problem);
        }
        LiveSessions.CancelOnDisconnect cod = switch (charOr(message, FixTags.CANCEL_ON_DISCONNECT, 'N')) {
            case 'N' -> LiveSessions.CancelOnDisconnect.OFF;
            case 'Y' -> LiveSessions.CancelOnDisconnect.ON_SOCKET_LOSS;
            case 'L' -> LiveSessions.CancelOnDisconnect.ON_SOCKET_LOSS_AND_LOGOUT;
            default -> null;
        };
        char scope = charOr(message, FixTags.CANCEL_ON_DISCONNECT_SCOPE, 'S');
        char role = charOr(message, FixTags.SESSION_ROLE, 'T');
        if (cod == null || (scope != 'S' && scope != 'A') || (role != 'T' && role != 'D')) {
            refuse(id, "CancelOnDisconnect(9001) must be N, Y or L, CancelOnDisconnectScope(9002) S or A,"
                    + " SessionRole(9003) T or D");
        }
        Scope needed = role == 'D' ? Scope.READ : Scope.TRADE;
        if (!key.scopes().contains(needed)) {
            throttle.failed(host, now);
            String neededName = needed.name().toLowerCase(java.util.Locale.ROOT);
            log.info("FIX Logon refused for {} from {}: key {} lacks the {} scope", entry.partnerCompId(), host, keyId,
                    neededName);
            refuse(id, "key " + keyId + " lacks the " + neededName + " scope a " + (role == 'D' ? "drop-copy" : "trading")
                    + " session needs");
        }
        loggingOn.put(id, new LiveSessions.LiveSession(id, entry, role == 'D', cod, scope == 'A'));
        log.info("FIX Logon of {} (account {}, key {}, {}, cancel-on-disconnect {})", entry.partnerCompId(),
                entry.accountId(), keyId, role == 'D' ? "drop copy" : "trading", cod);
    }

    private void refuse(SessionID id, String text) throws RejectLogon {
        if (directory.lookup(id) == null) {
            forgetUnknown.accept(id);
        }
        throw new RejectLogon(text);
    }

    private static boolean isLogon(Message m) {
        try {
            return MsgType.LOGON.equals(m.getHeader().getString(MsgType.FIELD));
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private static char charOr(Message m, int tag, char otherwise) {
        String v = OrderDecoder.optional(m, tag);
        return v == null ? otherwise : v.length() == 1 ? v.charAt(0) : '?';
    }

    @Override
    public void onLogon(SessionID id) {
        LiveSessions.LiveSession s = loggingOn.remove(id);
        if (s != null) {
            sessions.put(s);
        }
    }

    @Override
    public void onLogout(SessionID id) {
        loggingOn.remove(id);
        LiveSessions.LiveSession s = sessions.remove(id);
        if (s == null) {
            return;
        }
        marketDataThread.execute(() -> marketData.dropSession(id));
        Session session = Session.lookupSession(id);
        boolean partnerLoggedOut = session != null && session.isLogoutReceived();
        boolean cancel = s.cod() == LiveSessions.CancelOnDisconnect.ON_SOCKET_LOSS_AND_LOGOUT
                || (s.cod() == LiveSessions.CancelOnDisconnect.ON_SOCKET_LOSS && !partnerLoggedOut);
        log.info("FIX session {} ended ({}){}", s.entry().partnerCompId(), partnerLoggedOut ? "Logout" : "connection lost",
                cancel ? ": cancel-on-disconnect" : "");
        if (cancel) {
            engine.submit(new Command.SessionClosed(s.entry().account(), s.entry().engineSession(), s.codAccountScope()),
                    r -> {
                    });
        }
    }

    @Override
    public void toAdmin(Message message, SessionID sessionID) {
    }

    @Override
    public void toApp(Message message, SessionID sessionID) {
    }

    @Override
    public void fromApp(Message message, SessionID id) throws FieldNotFound, IncorrectTagValue, UnsupportedMessageType {
        crack(message, id);
    }

    // ------------------------------------------------------------------ order entry

    /** The trading session of {@code id}, or null after sending a BusinessMessageReject to a drop copy. */
    private LiveSessions.LiveSession trading(Message m, SessionID id) throws FieldNotFound {
        LiveSessions.LiveSession s = sessions.get(id);
        if (s == null || s.dropCopy()) {
            businessReject(m, id, BusinessRejectReason.NOT_AUTHORIZED, FixRejectCodes.text(ReasonCode.NOT_PERMITTED)
                    + " (a drop-copy session is read-only)");
            return null;
        }
        return s;
    }

    @Override
    public void onMessage(NewOrderSingle m, SessionID id) throws FieldNotFound {
        LiveSessions.LiveSession s = trading(m, id);
        if (s == null) {
            return;
        }
        int account = s.entry().account();
        String clOrdId = m.getString(ClOrdID.FIELD);
        int instrument = decoder.instrumentOf(m);
        Side side = OrderDecoder.sideOf(m);
        try {
            if (instrument < 0) {
                throw new OrderDecoder.Refused(ReasonCode.UNKNOWN_INSTRUMENT);
            }
            Instrument ins = decoder.instrument(instrument);
            OrderType type = OrderDecoder.typeOf(m);
            TimeInForce tif = OrderDecoder.timeInForceOf(m, type);
            int flags = OrderDecoder.flagsOf(m);
            long qty = OrderDecoder.quantityOf(m, ins);
            long price = OrderDecoder.priceOf(m, ins);
            if (side == null) {
                throw new OrderDecoder.Refused(ReasonCode.INVALID_ORDER);
            }
            if (qty < 0) {
                throw new OrderDecoder.Refused(ReasonCode.INVALID_QUANTITY);
            }
            if (type == OrderType.LIMIT && price < 0) {
                throw new OrderDecoder.Refused(ReasonCode.INVALID_PRICE);
            }
            Command.PlaceOrder cmd = new Command.PlaceOrder(account, instrument, clOrdId, side, type, tif,
                    type == OrderType.LIMIT ? price : 0, qty, flags, null, s.entry().engineSession());
            lanes.reporter(account).submit(cmd, new ExecutionReporter.Request(id, 'D', clOrdId, null, ' '));
        } catch (OrderDecoder.Refused e) {
            lanes.execute(account, reporter -> reporter.rejectNew(id, account, clOrdId, instrument, side, e.reason));
        }
    }

    @Override
    public void onMessage(OrderCancelRequest m, SessionID id) throws FieldNotFound {
        cancelOrReplace(m, id, 'F');
    }

    @Override
    public void onMessage(OrderCancelReplaceRequest m, SessionID id) throws FieldNotFound {
        cancelOrReplace(m, id, 'G');
    }

    private void cancelOrReplace(Message m, SessionID id, char msgType) throws FieldNotFound {
        LiveSessions.LiveSession s = trading(m, id);
        if (s == null) {
            return;
        }
        ExecutionReporter.Request req = new ExecutionReporter.Request(id, msgType, m.getString(ClOrdID.FIELD),
                m.getString(OrigClOrdID.FIELD), ' ');
        String orderId = OrderDecoder.optional(m, OrderID.FIELD);
        int instrument = decoder.instrumentOf(m);
        Side side = OrderDecoder.sideOf(m);
        long price = -1;
        long qty = -1;
        ReasonCode refused = instrument < 0 ? ReasonCode.UNKNOWN_INSTRUMENT : side == null ? ReasonCode.INVALID_ORDER : null;
        if (refused == null && msgType == 'G') {
            try {
                Instrument ins = decoder.instrument(instrument);
                if (OrderDecoder.typeOf(m) != OrderType.LIMIT) {
                    throw new OrderDecoder.Refused(ReasonCode.INVALID_AMEND);
                }
                price = OrderDecoder.priceOf(m, ins);
                qty = OrderDecoder.quantityOf(m, ins);
            } catch (OrderDecoder.Refused e) {
                refused = e.reason;
            }
        }
        ReasonCode reason = refused;
        long newPrice = price;
        long newQty = qty;
        FixSessionDirectory.Entry entry = s.entry();
        lanes.execute(entry.account(), reporter -> {
            if (reason != null) {
                reporter.rejectCancel(req, entry.account(), null, reason);
            } else {
                reporter.cancelOrReplace(entry, req, orderId, instrument, side, newPrice, newQty);
            }
        });
    }

    @Override
    public void onMessage(OrderMassCancelRequest m, SessionID id) throws FieldNotFound {
        LiveSessions.LiveSession s = trading(m, id);
        if (s == null) {
            return;
        }
        char type = m.getChar(MassCancelRequestType.FIELD);
        ExecutionReporter.Request req = new ExecutionReporter.Request(id, 'q', m.getString(ClOrdID.FIELD), null, type);
        int instrument = decoder.instrumentOf(m);
        Side side = m.isSetField(quickfix.field.Side.FIELD) ? OrderDecoder.sideOf(m) : null;
        if (type != MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY && type != MassCancelRequestType.CANCEL_ALL_ORDERS) {
            lanes.execute(s.entry().account(), reporter -> reporter.rejectMassCancel(req,
                    Integer.toString(MassCancelRejectReason.MASS_CANCEL_NOT_SUPPORTED),
                    "MassCancelRequestType(530) must be 1 (one Symbol) or 7 (all orders)"));
            return;
        }
        if (type == MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY && instrument < 0) {
            lanes.execute(s.entry().account(), reporter -> reporter.rejectMassCancel(req,
                    Integer.toString(MassCancelRejectReason.INVALID_OR_UNKNOWN_SECURITY),
                    FixRejectCodes.text(ReasonCode.UNKNOWN_INSTRUMENT)));
            return;
        }
        Command cmd = new Command.MassCancel(s.entry().account(),
                type == MassCancelRequestType.CANCEL_ALL_ORDERS ? -1 : instrument, side);
        lanes.execute(cmd.account(), reporter -> reporter.submit(cmd, req));
    }

    @Override
    public void onMessage(OrderStatusRequest m, SessionID id) throws FieldNotFound {
        LiveSessions.LiveSession s = sessions.get(id);
        if (s == null) {
            return;
        }
        String clOrdId = m.getString(ClOrdID.FIELD);
        String orderId = OrderDecoder.optional(m, OrderID.FIELD);
        int instrument = decoder.instrumentOf(m);
        Side side = OrderDecoder.sideOf(m);
        lanes.execute(s.entry().account(), reporter -> reporter.status(s.entry(), id, orderId, clOrdId, instrument, side));
    }

    // ------------------------------------------------------------------ market and reference data

    @Override
    public void onMessage(MarketDataRequest m, SessionID id) throws FieldNotFound {
        Set<Character> types = new LinkedHashSet<>();
        for (int i = 1; i <= m.getGroupCount(NoMDEntryTypes.FIELD); i++) {
            Group g = m.getGroup(i, NoMDEntryTypes.FIELD);
            types.add(g.getChar(MDEntryType.FIELD));
        }
        List<String> symbols = new ArrayList<>();
        for (int i = 1; i <= m.getGroupCount(NoRelatedSym.FIELD); i++) {
            symbols.add(m.getGroup(i, NoRelatedSym.FIELD).getString(Symbol.FIELD));
        }
        MarketDataFeed.Request r = new MarketDataFeed.Request(id, m.getString(MDReqID.FIELD),
                m.getChar(SubscriptionRequestType.FIELD), m.getInt(MarketDepth.FIELD),
                m.isSetField(MDUpdateType.FIELD) ? m.getInt(MDUpdateType.FIELD) : null, types, symbols);
        marketDataThread.execute(() -> marketData.request(r));
    }

    @Override
    public void onMessage(SecurityListRequest m, SessionID id) throws FieldNotFound {
        int type = m.getInt(SecurityListRequestType.FIELD);
        SecurityList out = new SecurityList();
        out.setString(SecurityReqID.FIELD, m.getString(SecurityReqID.FIELD));
        out.setString(SecurityResponseID.FIELD, m.getString(SecurityReqID.FIELD));
        List<Instrument> list = new ArrayList<>();
        if (type == SecurityListRequestType.SYMBOL) {
            int i = decoder.instrumentOf(m);
            if (i >= 0) {
                list.add(decoder.instrument(i));
            }
        } else if (type == SecurityListRequestType.ALL_SECURITIES) {
            list.addAll(engine.config().instruments());
        }
        int result = type != SecurityListRequestType.SYMBOL && type != SecurityListRequestType.ALL_SECURITIES
                ? SecurityRequestResult.INVALID_OR_UNSUPPORTED_REQUEST
                : list.isEmpty() ? SecurityRequestResult.NO_INSTRUMENTS_FOUND_THAT_MATCH_SELECTION_CRITERIA
                : SecurityRequestResult.VALID_REQUEST;
        out.setInt(SecurityRequestResult.FIELD, result);
        for (Instrument ins : list) {
            Group g = new SecurityList.NoRelatedSym();
            g.setString(Symbol.FIELD, ins.symbol());
            g.setDecimal(RoundLot.FIELD, ins.qty(ins.lot()));
            g.setDecimal(MinTradeVol.FIELD, ins.qty(ins.lot()));
            g.setDecimal(FixTags.TICK_SIZE, ins.price(ins.tick()));
            g.setDecimal(FixTags.MIN_NOTIONAL, ExecutionReporter.plain(BigDecimal.valueOf(ins.minNotional(),
                    io.hyperindex.gateway.domain.Money.CASH_DECIMALS)));
            g.setDecimal(FixTags.MAX_ORDER_QTY, ins.qty(ins.maxOrderQty()));
            out.addGroup(g);
        }
        LiveSessions.send(id, out);
    }

    private static void businessReject(Message m, SessionID id, int reason, String text) throws FieldNotFound {
        BusinessMessageReject r = new BusinessMessageReject();
        r.setInt(RefSeqNum.FIELD, m.getHeader().getInt(MsgSeqNum.FIELD));
        r.setString(RefMsgType.FIELD, m.getHeader().getString(MsgType.FIELD));
        r.setInt(BusinessRejectReason.FIELD, reason);
        r.setString(Text.FIELD, text);
        LiveSessions.send(id, r);
    }
}
