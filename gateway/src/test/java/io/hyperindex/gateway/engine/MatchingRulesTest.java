package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.EngineEvent.OrderCancelled;
import io.hyperindex.gateway.domain.EngineEvent.TradeExecuted;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.fees.FeePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching rules, one scenario each, on a HIDX-like instrument: tick 1, lot 1, reference 1,000, min notional 1 USDC. */
class MatchingRulesTest {
    static final int A = 0, B = 1, C = 2;
    MatchingEngine engine;
    long clock;
    boolean clockStopped;

    @BeforeEach
    void setUp() {
        engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), FeePolicy.venueDefault());
    }

    List<EngineEvent> run(Command c) {
        List<EngineEvent> out = new ArrayList<>();
        engine.apply(clockStopped ? clock : ++clock, c, out);
        return out;
    }

    List<EngineEvent> limit(int account, Side side, long price, long qty) {
        return run(new Command.PlaceOrder(account, 1, null, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null));
    }

    List<EngineEvent> order(int account, Side side, long price, long qty, TimeInForce tif, int flags, SelfTradePrevention stp) {
        return run(new Command.PlaceOrder(account, 1, null, side, OrderType.LIMIT, tif, price, qty, flags, stp));
    }

    static long orderId(List<EngineEvent> events) {
        return ((EngineEvent.OrderAccepted) events.get(0)).orderId();
    }

    static <T> List<T> only(List<EngineEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static ReasonCode rejection(List<EngineEvent> events) {
        return events.size() == 1 && events.get(0) instanceof EngineEvent.OrderRejected r ? r.reason() : null;
    }

    @Test
    void olderOrderAtTheSamePriceFillsFirstAndTradesAtTheRestingPrice() {
        long first = orderId(limit(A, Side.SELL, 1_001, 5));
        long second = orderId(limit(B, Side.SELL, 1_001, 5));
        List<TradeExecuted> trades = only(limit(C, Side.BUY, 1_010, 7), TradeExecuted.class);
        assertEquals(2, trades.size());
        assertEquals(first, trades.get(0).makerOrderId());
        assertEquals(5, trades.get(0).quantity());
        assertEquals(1_001, trades.get(0).price(), "trades at the resting order's price, not the taker's 1,010");
        assertEquals(second, trades.get(1).makerOrderId());
        assertEquals(2, trades.get(1).quantity());
        assertEquals(3, engine.liveOrder(second).remaining());
    }

    @Test
    void betterPriceFillsBeforeOlderWorsePrice() {
        limit(A, Side.SELL, 1_005, 5);
        long better = orderId(limit(B, Side.SELL, 1_002, 5));
        assertEquals(better, only(limit(C, Side.BUY, 1_010, 1), TradeExecuted.class).get(0).makerOrderId());
    }

    @Test
    void postOnlyOrderThatWouldCrossIsRejectedNotRepriced() {
        limit(A, Side.SELL, 1_001, 5);
        assertEquals(ReasonCode.POST_ONLY_WOULD_CROSS,
                rejection(order(B, Side.BUY, 1_001, 1, TimeInForce.GTC, OrderFlags.POST_ONLY, null)));
        assertEquals(1, engine.liveOrderCount());
        assertTrue(order(B, Side.BUY, 1_000, 1, TimeInForce.GTC, OrderFlags.POST_ONLY, null).get(0)
                instanceof EngineEvent.OrderAccepted);
    }

    @Test
    void iocRemainderExpiresAndNothingRests() {
        limit(A, Side.SELL, 1_001, 2);
        List<EngineEvent> ev = order(B, Side.BUY, 1_001, 5, TimeInForce.IOC, 0, null);
        assertEquals(2, only(ev, TradeExecuted.class).get(0).quantity());
        OrderCancelled expired = only(ev, OrderCancelled.class).get(0);
        assertEquals(ReasonCode.IOC_EXPIRED, expired.reason());
        assertEquals(3, expired.cancelledQuantity());
        assertEquals(0, engine.liveOrderCount());
    }

    @Test
    void fillOrKillThatCannotFillEntirelyLeavesTheBookUntouched() {
        long resting = orderId(limit(A, Side.SELL, 1_001, 2));
        List<EngineEvent> ev = order(B, Side.BUY, 1_001, 3, TimeInForce.FOK, 0, null);
        assertTrue(only(ev, TradeExecuted.class).isEmpty());
        assertEquals(ReasonCode.FOK_NOT_FILLED, only(ev, OrderCancelled.class).get(0).reason());
        assertEquals(2, engine.liveOrder(resting).remaining());
        assertEquals(2, only(order(B, Side.BUY, 1_001, 2, TimeInForce.FOK, 0, null), TradeExecuted.class).get(0).quantity());
    }

    @Test
    void selfTradePreventionCancelTakerIsTheDefault() {
        long mine = orderId(limit(A, Side.SELL, 1_001, 5));
        List<EngineEvent> ev = limit(A, Side.BUY, 1_001, 5);
        assertEquals(ReasonCode.SELF_TRADE_PREVENTED, only(ev, OrderCancelled.class).get(0).reason());
        assertNull(engine.liveOrder(orderId(ev)));
        assertEquals(5, engine.liveOrder(mine).remaining());
    }

    @Test
    void selfTradePreventionCancelMakerRemovesOwnOrderAndKeepsMatching() {
        long mine = orderId(limit(A, Side.SELL, 1_001, 5));
        limit(B, Side.SELL, 1_001, 5);
        List<EngineEvent> ev = order(A, Side.BUY, 1_001, 5, TimeInForce.GTC, 0, SelfTradePrevention.CANCEL_MAKER);
        assertEquals(mine, only(ev, OrderCancelled.class).get(0).orderId());
        assertEquals(B, only(ev, TradeExecuted.class).get(0).makerAccount());
    }

    @Test
    void selfTradePreventionCancelBothRemovesBoth() {
        long mine = orderId(limit(A, Side.SELL, 1_001, 5));
        List<EngineEvent> ev = order(A, Side.BUY, 1_001, 5, TimeInForce.GTC, 0, SelfTradePrevention.CANCEL_BOTH);
        assertEquals(2, only(ev, OrderCancelled.class).size());
        assertNull(engine.liveOrder(mine));
        assertEquals(0, engine.liveOrderCount());
    }

    @Test
    void reduceOnlyNeverOpensOrFlipsAPosition() {
        assertEquals(ReasonCode.REDUCE_ONLY_WOULD_INCREASE,
                rejection(order(A, Side.SELL, 1_000, 1, TimeInForce.GTC, OrderFlags.REDUCE_ONLY, null)));
        limit(B, Side.SELL, 1_000, 3);
        limit(A, Side.BUY, 1_000, 3); // A is now long 3
        assertEquals(3, engine.account(A).position(1));
        limit(C, Side.BUY, 999, 10);
        List<EngineEvent> ev = order(A, Side.SELL, 999, 3, TimeInForce.IOC, OrderFlags.REDUCE_ONLY, null);
        assertEquals(3, only(ev, TradeExecuted.class).get(0).quantity());
        assertEquals(0, engine.account(A).position(1));
        // a resting reduce-only order whose position is gone by the time it is hit is cancelled, not filled
        limit(B, Side.SELL, 1_000, 2);
        limit(A, Side.BUY, 1_000, 2); // A long 2
        long ro = orderId(order(A, Side.SELL, 1_005, 2, TimeInForce.GTC, OrderFlags.REDUCE_ONLY, null));
        order(A, Side.SELL, 999, 2, TimeInForce.IOC, 0, null); // A flattens into C's 999 bid
        assertEquals(0, engine.account(A).position(1));
        List<EngineEvent> hit = limit(B, Side.BUY, 1_005, 2);
        OrderCancelled c = only(hit, OrderCancelled.class).get(0);
        assertEquals(ro, c.orderId());
        assertEquals(ReasonCode.REDUCE_ONLY_CANCELLED, c.reason());
        assertTrue(only(hit, TradeExecuted.class).isEmpty());
        assertEquals(0, engine.account(A).position(1));
    }

    @Test
    void amendDownKeepsPriorityAmendUpLosesIt() {
        long first = orderId(limit(A, Side.SELL, 1_001, 5));
        long second = orderId(limit(B, Side.SELL, 1_001, 5));
        EngineEvent.OrderAmended down = only(run(new Command.AmendOrder(A, first, null, 1_001, 3)), EngineEvent.OrderAmended.class).get(0);
        assertTrue(down.keptPriority());
        assertEquals(first, only(limit(C, Side.BUY, 1_001, 1), TradeExecuted.class).get(0).makerOrderId());
        EngineEvent.OrderAmended up = only(run(new Command.AmendOrder(A, first, null, 1_001, 10)), EngineEvent.OrderAmended.class).get(0);
        assertFalse(up.keptPriority());
        assertEquals(second, only(limit(C, Side.BUY, 1_001, 1), TradeExecuted.class).get(0).makerOrderId());
    }

    @Test
    void amendToACrossingPriceTradesLikeANewOrder() {
        limit(A, Side.SELL, 1_003, 2);
        long bid = orderId(limit(B, Side.BUY, 1_000, 5));
        List<EngineEvent> ev = run(new Command.AmendOrder(B, bid, null, 1_003, 5));
        assertEquals(2, only(ev, TradeExecuted.class).get(0).quantity());
        assertEquals(3, engine.liveOrder(bid).remaining());
        assertEquals(1_003, engine.book(1).bestPrice(Side.BUY));
    }

    @Test
    void marketOrderStopsAtItsProtectionBand() {
        // band 2% of the best ask 1,000 -> trades up to 1,020, never 1,030
        limit(A, Side.SELL, 1_000, 1);
        limit(A, Side.SELL, 1_020, 1);
        limit(A, Side.SELL, 1_030, 1);
        List<EngineEvent> ev = run(new Command.PlaceOrder(B, 1, null, Side.BUY, OrderType.MARKET, TimeInForce.IOC, 0, 5, 0, null));
        assertEquals(2, only(ev, TradeExecuted.class).size());
        assertEquals(ReasonCode.IOC_EXPIRED, only(ev, OrderCancelled.class).get(0).reason());
        List<EngineEvent> none = run(new Command.PlaceOrder(B, 1, null, Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, 5, 0, null));
        assertEquals(ReasonCode.NO_LIQUIDITY, only(none, OrderCancelled.class).get(0).reason());
    }

    @Test
    void everyBadInputHasItsOwnReasonAndChangesNothing() {
        limit(A, Side.SELL, 1_001, 5);
        clockStopped = true; // the engine clock is state too; keep it still so only a real change shows
        String before = engine.stateHash();
        Instrument btc = TestMarkets.instruments().get(0);
        assertEquals(ReasonCode.UNKNOWN_INSTRUMENT, rejection(run(new Command.PlaceOrder(A, 7, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null))));
        assertEquals(ReasonCode.UNKNOWN_ACCOUNT, rejection(run(new Command.PlaceOrder(9, 1, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null))));
        assertEquals(ReasonCode.INVALID_QUANTITY, rejection(limit(A, Side.BUY, 1_000, 0)));
        assertEquals(ReasonCode.INVALID_QUANTITY, rejection(limit(A, Side.BUY, 1_000, -3)));
        assertEquals(ReasonCode.INVALID_PRICE, rejection(limit(A, Side.BUY, 0, 1)));
        assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, rejection(limit(A, Side.BUY, 2_000, 1)));
        assertEquals(ReasonCode.PRICE_OFF_TICK, rejection(run(new Command.PlaceOrder(A, 0, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, btc.referencePrice() + 1, 10, 0, null))));
        assertEquals(ReasonCode.QUANTITY_OFF_LOT, rejection(run(new Command.PlaceOrder(A, 2, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 350_000, 15, 0, null))));
        assertEquals(ReasonCode.BELOW_MIN_NOTIONAL, rejection(run(new Command.PlaceOrder(A, 0, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, btc.referencePrice(), 1, 0, null))));
        assertEquals(ReasonCode.QUANTITY_TOO_LARGE, rejection(limit(A, Side.BUY, 1_000, 2_000_000)));
        assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(run(new Command.CancelOrder(A, 12_345, null))));
        assertEquals(ReasonCode.INVALID_ORDER, rejection(order(A, Side.BUY, 1_000, 1, TimeInForce.IOC, OrderFlags.POST_ONLY, null)));
        run(new Command.SetInstrumentStatus(1, InstrumentStatus.HALTED));
        assertEquals(ReasonCode.INSTRUMENT_HALTED, rejection(limit(A, Side.BUY, 1_000, 1)));
        run(new Command.SetInstrumentStatus(1, InstrumentStatus.TRADING));
        assertEquals(before, engine.stateHash(), "rejections leave the state exactly as it was");
    }

    @Test
    void duplicateLiveClientOrderIdIsRejectedButMayBeReusedOnceTheOrderIsDone() {
        run(new Command.PlaceOrder(A, 1, "q1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null));
        assertEquals(ReasonCode.DUPLICATE_CLIENT_ORDER_ID,
                rejection(run(new Command.PlaceOrder(A, 1, "q1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 999, 1, 0, null))));
        // another account may use the same client id
        assertEquals(EngineEvent.OrderAccepted.class,
                run(new Command.PlaceOrder(B, 1, "q1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 999, 1, 0, null)).get(0).getClass());
        assertEquals(ReasonCode.USER_CANCELLED, only(run(new Command.CancelOrder(A, 0, "q1")), OrderCancelled.class).get(0).reason());
        assertEquals(EngineEvent.OrderAccepted.class,
                run(new Command.PlaceOrder(A, 1, "q1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 999, 1, 0, null)).get(0).getClass());
    }

    @Test
    void anotherAccountsOrderLooksExactlyLikeAnUnknownOne() {
        long theirs = orderId(limit(B, Side.SELL, 1_001, 5));
        assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(run(new Command.CancelOrder(A, theirs, null))));
        assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(run(new Command.AmendOrder(A, theirs, null, 1_002, 5))));
        assertEquals(5, engine.liveOrder(theirs).remaining());
    }

    @Test
    void massCancelHonoursInstrumentAndSideFilters() {
        limit(A, Side.BUY, 999, 1);
        limit(A, Side.SELL, 1_001, 1);
        limit(B, Side.SELL, 1_002, 1);
        List<EngineEvent> ev = run(new Command.MassCancel(A, 1, Side.SELL));
        assertEquals(1, only(ev, OrderCancelled.class).size());
        assertEquals(ReasonCode.MASS_CANCELLED, only(ev, OrderCancelled.class).get(0).reason());
        assertEquals(2, engine.liveOrderCount());
    }

    @Test
    void feesAndCashAreConservedAndRebatesPaidToTheMaker() {
        limit(A, Side.SELL, 1_000, 100);           // 100 x 10.00 = 1,000 USDC
        TradeExecuted t = only(limit(B, Side.BUY, 1_000, 100), TradeExecuted.class).get(0);
        assertEquals(-10_000_000L, t.makerFee(), "maker rebate 1 bp of 1,000 USDC = 0.1 USDC");
        assertEquals(30_000_000L, t.takerFee(), "taker fee 3 bp = 0.3 USDC");
        assertEquals(1_000_00000000L + 10_000_000L, engine.cash(A));
        assertEquals(-1_000_00000000L - 30_000_000L, engine.cash(B));
        assertEquals(20_000_000L, engine.venueFeeCash());
        long sum = engine.venueFeeCash();
        for (int a = 0; a < engine.accountCount(); a++) {
            sum += engine.cash(a);
        }
        assertEquals(0, sum);
    }

    @Test
    void bookDeltasCarryIncreasingSequenceAndNewLevelTotals() {
        List<EngineEvent> ev = limit(A, Side.SELL, 1_001, 5);
        EngineEvent.BookDelta d1 = only(ev, EngineEvent.BookDelta.class).get(0);
        assertEquals(List.of(new EngineEvent.LevelUpdate(Side.SELL, 1_001, 5)), d1.levels());
        EngineEvent.BookDelta d2 = only(limit(B, Side.BUY, 1_001, 5), EngineEvent.BookDelta.class).get(0);
        assertEquals(d1.bookSequence() + 1, d2.bookSequence());
        assertEquals(List.of(new EngineEvent.LevelUpdate(Side.SELL, 1_001, 0)), d2.levels());
    }

    @Test
    void l2SnapshotPlusLaterDeltasEqualsTheNextSnapshot() {
        limit(A, Side.SELL, 1_003, 4);
        limit(A, Side.SELL, 1_001, 2);
        limit(B, Side.BUY, 998, 7);
        limit(C, Side.BUY, 998, 1);
        var snap = engine.l2Snapshot(1, 10);
        assertEquals(998, snap.bestBid());
        assertEquals(1_001, snap.bestAsk());
        assertEquals(new io.hyperindex.gateway.domain.BookSnapshot.Level(998, 8, 2), snap.bids().get(0));
        java.util.TreeMap<Long, Long> bids = new java.util.TreeMap<>(), asks = new java.util.TreeMap<>();
        snap.bids().forEach(l -> bids.put(l.price(), l.quantity()));
        snap.asks().forEach(l -> asks.put(l.price(), l.quantity()));
        long seq = snap.bookSequence();
        List<List<EngineEvent>> later = List.of(limit(C, Side.BUY, 1_002, 3), limit(B, Side.SELL, 997, 9),
                run(new Command.MassCancel(A, -1, null)));
        for (List<EngineEvent> ev : later) {
            for (EngineEvent.BookDelta d : only(ev, EngineEvent.BookDelta.class)) {
                assertEquals(++seq, d.bookSequence());
                for (EngineEvent.LevelUpdate u : d.levels()) {
                    var side = u.side() == Side.BUY ? bids : asks;
                    if (u.quantity() == 0) {
                        side.remove(u.price());
                    } else {
                        side.put(u.price(), u.quantity());
                    }
                }
            }
        }
        var now = engine.l2Snapshot(1, 10);
        assertEquals(seq, now.bookSequence());
        assertEquals(bids.descendingMap().entrySet().stream().map(e -> e.getKey() + "x" + e.getValue()).toList(),
                now.bids().stream().map(l -> l.price() + "x" + l.quantity()).toList());
        assertEquals(asks.entrySet().stream().map(e -> e.getKey() + "x" + e.getValue()).toList(),
                now.asks().stream().map(l -> l.price() + "x" + l.quantity()).toList());
    }
}
