package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.fees.FeePolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Edge cases found while building the reference model, where the rules had to be settled:
 * each test states the rule and checks engine and model agree on it.
 */
class MatchingEdgeCasesTest {
    /** BTC-like: tick 50, lot 10, max order qty 500,000, so Instrument.maxPrice() (about 1.8e11) is below MAX_PRICE_UNITS (2^40). */
    static final Instrument BTC = new Instrument(0, "BTC-USDC", 2, 4, 50, 10, 100 * 100_000_000L, 500_000, 2_000, 100, 6_000_000);

    final MatchingEngine engine = new MatchingEngine(List.of(BTC), List.of("a", "b"), FeePolicy.flat(-100, 300));
    final ReferenceBookModel model = new ReferenceBookModel(List.of(BTC), 2, -100, 300);
    long clock;

    List<EngineEvent> engine(Command c) {
        List<EngineEvent> out = new ArrayList<>();
        engine.apply(++clock, c, out);
        return out.stream().filter(e -> !e.isMarketData()).toList();
    }

    /**
     * Rule: a limit price above the instrument's {@link Instrument#maxPrice()} (the largest price
     * at which the largest order's notional still fits a long) is PRICE_OUTSIDE_BAND, checked
     * before the tick; so an off-tick price above it is outside the band, not off the tick.
     */
    @Test
    void priceAboveTheInstrumentsMaxPriceIsOutsideTheBandEvenOffTick() {
        long price = BTC.maxPrice() + 1;                // above maxPrice(), below 2^40, not a multiple of 50
        assertNotEquals(0, price % BTC.tick());
        Command place = new Command.PlaceOrder(0, 0, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price, 10, 0, null);
        List<EngineEvent> expected = model.apply(1, place);
        assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, ((EngineEvent.OrderRejected) expected.get(0)).reason());
        assertEquals(expected, engine(place));
    }

    /** The same rule on amend. */
    @Test
    void amendPriceAboveTheInstrumentsMaxPriceIsOutsideTheBand() {
        Command place = new Command.PlaceOrder(0, 0, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 100, 0, null);
        model.apply(1, place);
        engine(place);
        Command amend = new Command.AmendOrder(0, 1, null, BTC.maxPrice() + 1, 100);
        List<EngineEvent> expected = model.apply(2, amend);
        assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, ((EngineEvent.OrderRejected) expected.get(0)).reason());
        assertEquals(expected, engine(amend));
    }

    /**
     * A SetInstrumentStatus without a status is refused with INVALID_ORDER and changes nothing
     * (it once was stored, and the next snapshot failed on it).
     */
    @Test
    void instrumentStatusChangeWithoutAStatusIsRejectedAndLeavesStateIntact() {
        engine(new Command.Tick());
        String before = engine.stateHash();
        clock--; // hold the engine clock still: it is part of the hashed state
        List<EngineEvent> events = engine(new Command.SetInstrumentStatus(0, null));
        assertEquals(1, events.size(), "one event: " + events);
        assertEquals(ReasonCode.INVALID_ORDER, assertInstanceOf(EngineEvent.OrderRejected.class, events.get(0)).reason());
        String after = assertDoesNotThrow(engine::stateHash, "the state can still be snapshotted");
        assertEquals(before, after);
    }
}
