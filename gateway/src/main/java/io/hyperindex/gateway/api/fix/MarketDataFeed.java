package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;
import quickfix.Group;
import quickfix.SessionID;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.NoMDEntries;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataRequestReject;
import quickfix.fix44.MarketDataSnapshotFullRefresh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * FIX market data: answers MarketDataRequest (V) with a full snapshot (W) per symbol from its
 * own L2 copy of each book, then streams incremental refreshes (X) of level changes and trades
 * to the subscribers. The L2 copy is seeded from the engine at start and kept by the engine's
 * BookDelta events, on the market-data thread only; a snapshot therefore always matches the
 * incrementals that follow it on the same session.
 */
final class MarketDataFeed {

    /** A parsed MarketDataRequest. */
    record Request(SessionID session, String mdReqId, char subscriptionType, int depth, Integer updateType,
                   Set<Character> entryTypes, List<String> symbols) {
    }

    private record Subscription(SessionID session, String mdReqId, int[] instruments, boolean book, boolean trades) {
    }

    private final List<Instrument> instruments;
    private final Map<String, Integer> bySymbol = new HashMap<>();
    private final List<TreeMap<Long, Long>> bids = new ArrayList<>();
    private final List<TreeMap<Long, Long>> asks = new ArrayList<>();
    private final long[] bookSequence;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    /** Whether any session subscribes now: written on the market-data thread, read by the engine's. */
    private volatile boolean subscribed;

    /** Whether any session subscribes now; safe on any thread. */
    boolean hasSubscribers() {
        return subscribed;
    }

    MarketDataFeed(List<Instrument> instruments) {
        this.instruments = instruments;
        this.bookSequence = new long[instruments.size()];
        for (Instrument i : instruments) {
            bySymbol.put(i.symbol(), i.id());
            bids.add(new TreeMap<>(Collections.reverseOrder()));
            asks.add(new TreeMap<>());
        }
    }

    /** Replaces the L2 copies with the engine's books at start-up. */
    void seed(List<BookSnapshot> books) {
        for (BookSnapshot b : books) {
            TreeMap<Long, Long> bid = bids.get(b.instrument());
            TreeMap<Long, Long> ask = asks.get(b.instrument());
            bid.clear();
            ask.clear();
            b.bids().forEach(l -> bid.put(l.price(), l.quantity()));
            b.asks().forEach(l -> ask.put(l.price(), l.quantity()));
            bookSequence[b.instrument()] = b.bookSequence();
        }
    }

    /** Handles a MarketDataRequest: reject (Y), or snapshot (W) per symbol and, for a subscription, remember it. */
    void request(Request r) {
        String key = key(r.session(), r.mdReqId());
        if (r.subscriptionType() == '2') {
            subscriptions.remove(key);
            subscribed = !subscriptions.isEmpty();
            return;
        }
        if (r.subscriptionType() != '0' && r.subscriptionType() != '1') {
            reject(r, MDReqRejReason.UNSUPPORTED_SUBSCRIPTIONREQUESTTYPE, "SubscriptionRequestType(263) must be 0, 1 or 2");
            return;
        }
        if (r.depth() < 0) {
            reject(r, MDReqRejReason.UNSUPPORTED_MARKETDEPTH, "MarketDepth(264) must be 0 (full book) or a positive depth");
            return;
        }
        if (r.subscriptionType() == '1' && r.updateType() != null && r.updateType() != 1) {
            reject(r, MDReqRejReason.UNSUPPORTED_MDUPDATETYPE, "MDUpdateType(265) must be 1 (incremental refresh)");
            return;
        }
        for (char t : r.entryTypes()) {
            if (t != MDEntryType.BID && t != MDEntryType.OFFER && t != MDEntryType.TRADE) {
                reject(r, MDReqRejReason.UNSUPPORTED_MDENTRYTYPE, "MDEntryType(269) must be 0 (bid), 1 (offer) or 2 (trade)");
                return;
            }
        }
        int[] ids = new int[r.symbols().size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = bySymbol.get(r.symbols().get(i));
            if (id == null) {
                reject(r, MDReqRejReason.UNKNOWN_SYMBOL, "unknown symbol " + r.symbols().get(i));
                return;
            }
            ids[i] = id;
        }
        if (r.subscriptionType() == '1' && subscriptions.containsKey(key)) {
            reject(r, MDReqRejReason.DUPLICATE_MDREQID, "MDReqID " + r.mdReqId() + " is already subscribed");
            return;
        }
        boolean book = r.entryTypes().contains(MDEntryType.BID) || r.entryTypes().contains(MDEntryType.OFFER);
        for (int id : ids) {
            snapshot(r, id, book);
        }
        if (r.subscriptionType() == '1') {
            subscribed = true;
            subscriptions.put(key, new Subscription(r.session(), r.mdReqId(), ids, book,
                    r.entryTypes().contains(MDEntryType.TRADE)));
        }
    }

    /** Forgets every subscription of a session (it logged out or dropped). */
    void dropSession(SessionID session) {
        subscriptions.values().removeIf(s -> s.session().equals(session));
        subscribed = !subscriptions.isEmpty();
    }

    /** Applies a command's book deltas and trades, and sends the incremental refreshes they make. */
    void onResult(CommandResult r) {
        Map<Integer, List<Entry>> byInstrument = null;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.BookDelta d) {
                if (d.bookSequence() <= bookSequence[d.instrument()]) {
                    continue; // already in the seeded copy
                }
                bookSequence[d.instrument()] = d.bookSequence();
                for (EngineEvent.LevelUpdate l : d.levels()) {
                    TreeMap<Long, Long> side = l.side() == Side.BUY ? bids.get(d.instrument()) : asks.get(d.instrument());
                    Long before = l.quantity() == 0 ? side.remove(l.price()) : side.put(l.price(), l.quantity());
                    if (before == null && l.quantity() == 0) {
                        continue;
                    }
                    char action = l.quantity() == 0 ? MDUpdateAction.DELETE
                            : before == null ? MDUpdateAction.NEW : MDUpdateAction.CHANGE;
                    char type = l.side() == Side.BUY ? MDEntryType.BID : MDEntryType.OFFER;
                    (byInstrument = orNew(byInstrument)).computeIfAbsent(d.instrument(), k -> new ArrayList<>())
                            .add(new Entry(action, type, l.price(), l.quantity()));
                }
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                (byInstrument = orNew(byInstrument)).computeIfAbsent(t.instrument(), k -> new ArrayList<>())
                        .add(new Entry(MDUpdateAction.NEW, MDEntryType.TRADE, t.price(), t.quantity()));
            }
        }
        if (byInstrument == null || subscriptions.isEmpty()) {
            return;
        }
        for (Subscription s : subscriptions.values()) {
            MarketDataIncrementalRefresh m = null;
            for (int id : s.instruments()) {
                List<Entry> entries = byInstrument.get(id);
                if (entries == null) {
                    continue;
                }
                for (Entry en : entries) {
                    boolean wanted = en.type() == MDEntryType.TRADE ? s.trades() : s.book();
                    if (!wanted) {
                        continue;
                    }
                    if (m == null) {
                        m = new MarketDataIncrementalRefresh();
                        m.setString(MDReqID.FIELD, s.mdReqId());
                    }
                    Instrument ins = instruments.get(id);
                    Group g = new MarketDataIncrementalRefresh.NoMDEntries();
                    g.setChar(MDUpdateAction.FIELD, en.action());
                    g.setChar(MDEntryType.FIELD, en.type());
                    g.setString(Symbol.FIELD, ins.symbol());
                    g.setDecimal(MDEntryPx.FIELD, ins.price(en.price()));
                    if (en.action() != MDUpdateAction.DELETE) {
                        g.setDecimal(MDEntrySize.FIELD, ins.qty(en.quantity()));
                    }
                    m.addGroup(g);
                }
            }
            if (m != null) {
                LiveSessions.send(s.session(), m);
            }
        }
    }

    private record Entry(char action, char type, long price, long quantity) {
    }

    private static Map<Integer, List<Entry>> orNew(Map<Integer, List<Entry>> m) {
        return m == null ? new HashMap<>() : m;
    }

    private void snapshot(Request r, int id, boolean book) {
        Instrument ins = instruments.get(id);
        MarketDataSnapshotFullRefresh m = new MarketDataSnapshotFullRefresh();
        m.setString(MDReqID.FIELD, r.mdReqId());
        m.setString(Symbol.FIELD, ins.symbol());
        int n = 0;
        if (book) {
            if (r.entryTypes().contains(MDEntryType.BID)) {
                n += levels(m, ins, bids.get(id), MDEntryType.BID, r.depth());
            }
            if (r.entryTypes().contains(MDEntryType.OFFER)) {
                n += levels(m, ins, asks.get(id), MDEntryType.OFFER, r.depth());
            }
        }
        if (n == 0) {
            m.setInt(NoMDEntries.FIELD, 0);
        }
        LiveSessions.send(r.session(), m);
    }

    private static int levels(MarketDataSnapshotFullRefresh m, Instrument ins, TreeMap<Long, Long> side, char type,
                              int depth) {
        int n = 0;
        for (Map.Entry<Long, Long> l : side.entrySet()) {
            if (depth > 0 && n == depth) {
                break;
            }
            Group g = new MarketDataSnapshotFullRefresh.NoMDEntries();
            g.setChar(MDEntryType.FIELD, type);
            g.setDecimal(MDEntryPx.FIELD, ins.price(l.getKey()));
            g.setDecimal(MDEntrySize.FIELD, ins.qty(l.getValue()));
            m.addGroup(g);
            n++;
        }
        return n;
    }

    private static void reject(Request r, char reason, String text) {
        MarketDataRequestReject m = new MarketDataRequestReject();
        m.setString(MDReqID.FIELD, r.mdReqId());
        m.setChar(MDReqRejReason.FIELD, reason);
        m.setString(Text.FIELD, text);
        LiveSessions.send(r.session(), m);
    }

    private static String key(SessionID s, String mdReqId) {
        return s + "\u0001" + mdReqId;
    }
}
