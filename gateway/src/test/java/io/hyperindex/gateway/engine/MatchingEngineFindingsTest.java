package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.fees.FeeSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Places where the engine departs from the matching rules (docs/matching.md), found while
 * building the reference model. Each test states the rule and fails until the engine (or
 * the rule) is changed; {@link ReferenceBookModel} follows the rule as written.
 */
class MatchingEngineFindingsTest {
    /** BTC-like: tick 50, lot 10, max order qty 500,000, so Instrument.maxPrice() (about 1.8e11) is below MAX_PRICE_UNITS (2^40). */
    static final Instrument BTC = new Instrument(0, "BTC-USDC", 2, 4, 50, 10, 100 * 100_000_000L, 500_000, 2_000, 100, 6_000_000);

    final MatchingEngine engine = new MatchingEngine(List.of(BTC), List.of("a", "b"), FeeSchedule.venueBase());
    final ReferenceBookModel model = new ReferenceBookModel(List.of(BTC), 2, FeeSchedule.venueBase());
    long clock;

    List<EngineEvent> engine(Command c) {
        List<EngineEvent> out = new ArrayList<>();
        engine.apply(++clock, c, out);
        return out.stream().filter(e -> !e.isMarketData()).toList();
    }

    /**
     * Rule: for a limit price, {@code price > Instrument.MAX_PRICE_UNITS -> PRICE_OUTSIDE_BAND} is checked
     * before {@code price % tick -> PRICE_OFF_TICK}. The engine instead compares with the
     * instrument's own, smaller {@link Instrument#maxPrice()}, so an off-tick price between the two
     * is reported as PRICE_OUTSIDE_BAND instead of PRICE_OFF_TICK. (Either the engine should use
     * MAX_PRICE_UNITS here, or the rule should name Instrument.maxPrice(); the second looks safer,
     * since it is what keeps notional arithmetic exact.)
     */
    @Test
    void offTickLimitPriceBelowMaxPriceUnitsIsRejectedAsOffTick() {
        long price = BTC.maxPrice() + 1;                // 184,467,440,738: above maxPrice(), far below 2^40, not a multiple of 50
        assertNotEquals(0, price % BTC.tick());
        Command place = new Command.PlaceOrder(0, 0, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, price, 10, 0, null);
        List<EngineEvent> expected = model.apply(1, place);
        assertEquals(ReasonCode.PRICE_OFF_TICK, ((EngineEvent.OrderRejected) expected.get(0)).reason(), "the rule as written");
        assertEquals(expected, engine(place));
    }

    /** The same check on amend: an off-tick new price below 2^40 is PRICE_OFF_TICK. */
    @Test
    void offTickAmendPriceBelowMaxPriceUnitsIsRejectedAsOffTick() {
        Command place = new Command.PlaceOrder(0, 0, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 100, 0, null);
        model.apply(1, place);
        engine(place);
        Command amend = new Command.AmendOrder(0, 1, null, BTC.maxPrice() + 1, 100);
        List<EngineEvent> expected = model.apply(2, amend);
        assertEquals(ReasonCode.PRICE_OFF_TICK, ((EngineEvent.OrderRejected) expected.get(0)).reason(), "the rule as written");
        assertEquals(expected, engine(amend));
    }

    /**
     * A SetInstrumentStatus with a null status is accepted: the engine emits
     * InstrumentStatusChanged(status=null) and stores null as the status, after which
     * {@link MatchingEngine#stateHash()} (and so every snapshot write) throws
     * NullPointerException. A malformed command should be refused with a single
     * OrderRejected (as a PlaceOrder with a missing field is, INVALID_ORDER) and change nothing.
     */
    @Test
    void instrumentStatusChangeWithoutAStatusIsRejectedAndLeavesStateIntact() {
        String before = engine.stateHash();
        List<EngineEvent> events = engine(new Command.SetInstrumentStatus(0, null));
        assertEquals(1, events.size(), "one event: " + events);
        assertInstanceOf(EngineEvent.OrderRejected.class, events.get(0), "refused, not applied: " + events);
        String after = assertDoesNotThrow(engine::stateHash, "the state can still be snapshotted");
        assertEquals(before, after);
    }
}
