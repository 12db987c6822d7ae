package io.hyperindex.gateway.venue;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.fees.FeePolicy;
import io.hyperindex.gateway.fees.LedgerAccount;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.journal.JournalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's remote-order model on ETH-USDC routed to a remote venue (instrument 2: price
 * 0.01 = 1 unit, lot 0.010 = 10 units): orders are held, not matched; the venue's answers
 * arrive as commands; fills are applied once per venue trade id; the state replays and
 * snapshots identically.
 */
class RemoteOrderEngineTest {
    private static final int ETH = 2;
    private static final long T0 = 1_800_000_000_000_000_000L;

    private final MatchingEngine core = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(),
            FeePolicy.venueDefault(), List.of(), io.hyperindex.gateway.domain.MarkMode.MID, Set.of(ETH));
    private long now = T0;

    private List<EngineEvent> apply(Command c) {
        List<EngineEvent> events = new ArrayList<>();
        core.apply(now += 1_000, c, events);
        return events;
    }

    private long placeSell(long qty, long price) {
        List<EngineEvent> ev = apply(new Command.PlaceOrder(0, ETH, "c1", Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                price, qty, OrderFlags.MMP, null, 7));
        return assertInstanceOf(EngineEvent.OrderAccepted.class, ev.get(0)).orderId();
    }

    @Test
    void aRemoteOrderIsHeldOpenAndCountedWithoutTouchingTheEmbeddedBook() {
        long id = placeSell(100, 350_000);
        assertEquals(0, core.book(ETH).levelCount(Side.SELL), "nothing enters the embedded book");
        assertNotNull(core.liveOrder(id));
        assertEquals(1, core.risk().openOrders(0));
        assertEquals(100, core.risk().openQuantity(0, ETH, Side.SELL));
        assertEquals(List.of(id), core.routedOrders().stream().map(RoutedOrder::orderId).toList());
        List<EngineEvent> ack = apply(new Command.VenueOrderAcked(id, 9001));
        assertEquals(new EngineEvent.VenueOrderAcked(id, 0, ETH, 9001, now), ack.get(0));
        assertEquals(9001, core.routedOrders().get(0).venueOrderId());
    }

    @Test
    void aVenueFillMovesPositionFeesAndLedgerAndNamesAnExternalOtherSide() {
        long id = placeSell(100, 350_000);
        List<EngineEvent> ev = apply(new Command.VenueFill(id, 55, 350_100, 40, true, 1_800_000_000_000L));
        EngineEvent.TradeExecuted t = assertInstanceOf(EngineEvent.TradeExecuted.class, ev.get(0));
        assertEquals(id, t.makerOrderId());
        assertEquals(0, t.makerAccount());
        assertEquals(60, t.makerRemaining());
        assertEquals(EngineEvent.TradeExecuted.EXTERNAL_ORDER, t.takerOrderId());
        assertEquals(EngineEvent.TradeExecuted.EXTERNAL_ACCOUNT, t.takerAccount());
        assertEquals(Side.BUY, t.takerSide(), "the external side bought what the partner sold");
        long notional = 350_100L * 40 * 1_000; // 3501.00 x 0.040 ETH = 140.04 USDC in 10^-8 units
        assertEquals(notional, t.notional());
        assertEquals(-notional / 10_000, t.makerFee(), "the partner earns OUR 1 bp maker rebate, not the venue's");
        assertEquals(-40, core.positions().position(0, ETH));
        assertEquals(notional - t.makerFee(), core.cash(0), "trade cash in plus the rebate");
        assertEquals(-notional, core.fees().ledger().balance(-1, LedgerAccount.VENUE_EXTERNAL_SETTLEMENT));
        assertEquals(0, core.fees().ledger().total(LedgerAccount.Asset.USDC), "double entry holds");
        assertEquals(60, core.risk().openQuantity(0, ETH, Side.SELL));
        assertEquals(350_100, core.referencePrice(ETH));
    }

    @Test
    void theSameVenueTradeTwiceIsRefusedAndChangesNothing() {
        long id = placeSell(100, 350_000);
        apply(new Command.VenueFill(id, 55, 350_000, 40, false, 1));
        String before = core.stateHash();
        List<EngineEvent> again = new ArrayList<>();
        core.apply(now, new Command.VenueFill(id, 55, 350_000, 40, false, 1), again);
        assertEquals(ReasonCode.DUPLICATE_VENUE_FILL, assertInstanceOf(EngineEvent.OrderRejected.class, again.get(0)).reason());
        assertEquals(before, core.stateHash());
        assertEquals(-40, core.positions().position(0, ETH));
        List<EngineEvent> tooBig = apply(new Command.VenueFill(id, 56, 350_000, 70, false, 1));
        assertEquals(ReasonCode.VENUE_OVERFILL, assertInstanceOf(EngineEvent.OrderRejected.class, tooBig.get(0)).reason());
    }

    @Test
    void aFullFillEndsTheOrderAndALateRepeatIsAnUnknownOrder() {
        long id = placeSell(100, 350_000);
        apply(new Command.VenueFill(id, 1, 350_000, 100, false, 1));
        assertNull(core.liveOrder(id));
        assertEquals(0, core.risk().openOrders(0));
        List<EngineEvent> late = apply(new Command.VenueFill(id, 1, 350_000, 100, false, 1));
        assertEquals(ReasonCode.UNKNOWN_ORDER, assertInstanceOf(EngineEvent.OrderRejected.class, late.get(0)).reason());
        assertEquals(-100, core.positions().position(0, ETH));
    }

    @Test
    void anEndReportedBeforeItsLastFillWaitsForTheFill() {
        long id = placeSell(100, 350_000);
        apply(new Command.VenueFill(id, 1, 350_000, 30, true, 1));
        assertTrue(apply(new Command.VenueOrderDone(id, 50)).isEmpty(), "20 more were filled at the venue: keep it open");
        assertNotNull(core.liveOrder(id));
        List<EngineEvent> ev = apply(new Command.VenueFill(id, 2, 350_000, 20, true, 1));
        EngineEvent.OrderCancelled end = assertInstanceOf(EngineEvent.OrderCancelled.class, ev.get(ev.size() - 1));
        assertEquals(50, end.cancelledQuantity());
        assertEquals(50, end.filledQuantity());
        assertEquals(ReasonCode.VENUE_CANCELLED, end.reason());
        assertNull(core.liveOrder(id));
        assertEquals(0, core.risk().openQuantity(0, ETH, Side.SELL));
    }

    @Test
    void killSwitchDeadManAndDisconnectCancelsAreRoutedAndEndWhenTheVenueConfirms() {
        long id = placeSell(100, 350_000);
        List<EngineEvent> kill = apply(new Command.KillSwitch(Command.KillScope.ACCOUNT, 0, true, false, "ops"));
        EngineEvent.VenueCancelRequested req = kill.stream().filter(EngineEvent.VenueCancelRequested.class::isInstance)
                .map(EngineEvent.VenueCancelRequested.class::cast).findFirst().orElseThrow();
        assertEquals(ReasonCode.KILL_SWITCH, req.reason());
        assertNotNull(core.liveOrder(id), "open until the venue confirms: a fill may still come");
        assertTrue(core.routedOrders().get(0).cancelRequested());
        apply(new Command.SessionClosed(0, 7, false)); // a second request keeps the first reason
        List<EngineEvent> done = apply(new Command.VenueOrderDone(id, -1));
        assertEquals(ReasonCode.KILL_SWITCH, assertInstanceOf(EngineEvent.OrderCancelled.class, done.get(0)).reason());
        assertEquals(0, core.risk().openOrders(0));
    }

    @Test
    void aVenueRejectionEndsTheOrderWithItsErrorText() {
        long id = placeSell(100, 350_000);
        List<EngineEvent> ev = apply(new Command.VenueOrderRejected(id, "Insufficient margin to place order."));
        assertEquals("Insufficient margin to place order.",
                assertInstanceOf(EngineEvent.VenueOrderRejected.class, ev.get(0)).error());
        assertEquals(ReasonCode.VENUE_REJECTED, assertInstanceOf(EngineEvent.OrderCancelled.class, ev.get(1)).reason());
        assertNull(core.liveOrder(id));
    }

    @Test
    void marketOrdersFokAndAmendsAreNotRoutable() {
        List<EngineEvent> market = apply(new Command.PlaceOrder(0, ETH, null, Side.BUY, OrderType.MARKET, TimeInForce.IOC,
                0, 100, 0, null));
        assertEquals(ReasonCode.VENUE_UNSUPPORTED, assertInstanceOf(EngineEvent.OrderRejected.class, market.get(0)).reason());
        List<EngineEvent> fok = apply(new Command.PlaceOrder(0, ETH, null, Side.BUY, OrderType.LIMIT, TimeInForce.FOK,
                350_000, 100, 0, null));
        assertEquals(ReasonCode.VENUE_UNSUPPORTED, assertInstanceOf(EngineEvent.OrderRejected.class, fok.get(0)).reason());
        long id = placeSell(100, 350_000);
        List<EngineEvent> amend = apply(new Command.AmendOrder(0, id, null, 350_100, 100));
        assertEquals(ReasonCode.VENUE_UNSUPPORTED, assertInstanceOf(EngineEvent.OrderRejected.class, amend.get(0)).reason());
    }

    // ------------------------------------------------------------------ journal and snapshot

    private static EngineConfig config(Path dir) {
        return EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withFsync(FsyncPolicy.NONE)
                .withTimerMillis(0).withRemoteInstruments(Set.of(ETH));
    }

    /** Remote orders mixed with local trading: placements, acks, fills (some twice), ends, cancels. */
    private static List<Command> mixedFlow() {
        List<Command> out = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < 60; i++) {
            int acct = i % 3;
            out.add(new Command.PlaceOrder(acct, ETH, "r" + i, i % 2 == 0 ? Side.SELL : Side.BUY, OrderType.LIMIT,
                    TimeInForce.GTC, 350_000 + (i % 5) * 10, 100, 0, null));
            out.add(new Command.PlaceOrder(acct, 0, "l" + i, i % 2 == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT,
                    TimeInForce.GTC, 9_500_000, 5, 0, null));
        }
        // engine order ids are 1..120 in placement order: the remote ones are the odd ids
        for (long k = 1; k <= 119; k += 2) {
            out.add(new Command.VenueOrderAcked(k, 10_000 + k));
            out.add(new Command.VenueFill(k, k * 10, 350_000, 30, k % 4 == 1, k));
            out.add(new Command.VenueFill(k, k * 10, 350_000, 30, k % 4 == 1, k)); // a duplicate
            if (k % 3 == 0) {
                out.add(new Command.CancelOrder((int) ((k / 2) % 3), k, null));
            }
            if (k % 5 == 0) {
                out.add(new Command.VenueOrderDone(k, 30));
            }
        }
        out.add(new Command.KillSwitch(Command.KillScope.ACCOUNT, 1, true, false, "ops"));
        return out;
    }

    private static String drive(Engine e, List<Command> commands) throws Exception {
        CommandResult last = null;
        for (Command c : commands) {
            last = e.submit(c).get(10, TimeUnit.SECONDS);
        }
        assertNotNull(last);
        return e.query(MatchingEngine::stateHash).get(10, TimeUnit.SECONDS);
    }

    @Test
    void remoteOrdersReplayFromTheJournalAndRestoreFromASnapshotIdentically(@TempDir Path dir) throws Exception {
        String live;
        int open;
        try (Engine e = Engine.start(config(dir))) {
            live = drive(e, mixedFlow());
            open = e.query(c -> c.routedOrders().size()).get();
        }
        assertTrue(open > 0 && open < 60, "some remote orders ended, some are still open: " + open);
        try (Engine fromSnapshot = Engine.start(config(dir))) {
            assertEquals(0, fromSnapshot.recovery().replayedCommands(), "the close wrote a snapshot");
            assertEquals(live, fromSnapshot.recovery().stateHash());
        }
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p);
        }
        try (Engine replayed = Engine.start(config(dir))) {
            assertTrue(replayed.recovery().replayedCommands() > 200);
            assertEquals(live, replayed.recovery().stateHash());
            // and the recovered engine goes on: the open remote orders still take their venue's fills
            RoutedOrder first = replayed.query(c -> c.routedOrders().get(0)).get();
            CommandResult r = replayed.submit(new Command.VenueFill(first.orderId(), 999_999, 350_000, 10, true, 2)).get();
            assertNull(r.rejection(), r.events().toString());
        }
    }
}
