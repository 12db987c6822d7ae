package io.hyperindex.gateway.api.hl;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FinishedOrdersTest {

    /** Order {@code oid} of account 3 placed and cancelled (expired) in one result. */
    private static CommandResult placedAndEnded(long oid, String cloid) {
        Command.PlaceOrder p = new Command.PlaceOrder(3, 1, cloid, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, 950 + oid,
                7, 0, SelfTradePrevention.CANCEL_TAKER, 0);
        return new CommandResult(oid, 1_000 + oid, p, List.of(
                new EngineEvent.OrderAccepted(oid, 3, 1, cloid, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, 950 + oid, 7, 0,
                        SelfTradePrevention.CANCEL_TAKER, 500 + oid),
                new EngineEvent.OrderCancelled(oid, 3, 1, cloid, 7, 0, ReasonCode.IOC_EXPIRED)));
    }

    private static String hlCloid(long n) {
        return String.format("0x%032x", n);
    }

    @Test
    void theRingKeepsTheNewestFinishedOrdersWithEveryFieldAndForgetsTheOldestWithTheirCloids() {
        FinishedOrders f = new FinishedOrders();
        int total = FinishedOrders.KEPT + 25;
        for (long oid = 1; oid <= total; oid++) {
            f.accept(placedAndEnded(oid, oid % 2 == 0 ? hlCloid(oid) : "fix-" + oid));
        }
        long forgotten = total - FinishedOrders.KEPT; // oids 1..forgotten were overwritten
        for (long oid = 1; oid <= forgotten; oid++) {
            assertNull(f.byOid(3, oid), "overwritten: " + oid);
        }
        assertNull(f.byCloid(3, hlCloid(forgotten - 1)), "an overwritten order's cloid is forgotten too");
        long oldestKept = forgotten + 1;
        for (long oid : new long[]{oldestKept, oldestKept + 1, total}) {
            FinishedOrders.Entry e = f.byOid(3, oid);
            assertNotNull(e, "kept: " + oid);
            assertEquals(oid, e.oid());
            assertEquals(1, e.instrument());
            assertEquals(Side.SELL, e.side());
            assertEquals(950 + oid, e.price());
            assertEquals(7, e.origQty());
            assertEquals(0, e.filled());
            assertEquals(500 + oid, e.timestampNanos());
            assertEquals(1_000 + oid, e.statusNanos());
            assertEquals("canceled", e.status());
            assertEquals(oid % 2 == 0 ? hlCloid(oid) : null, e.cloid(), "only Hyperliquid-format cloids are kept");
        }
        long even = total % 2 == 0 ? total : total - 1;
        assertEquals(even, f.byCloid(3, hlCloid(even)).oid());
        assertNull(f.byCloid(3, "fix-" + (even + 1)));
        assertNull(f.byOid(4, total), "another account's order is not found");
    }

    @Test
    void hyperliquidCloidsAreZeroXAndThirtyTwoHexDigits() {
        assertTrue(FinishedOrders.isHlCloid("0x" + "0123456789abcdef".repeat(2)));
        assertFalse(FinishedOrders.isHlCloid("0x" + "0123456789abcdeg".repeat(2)));
        assertFalse(FinishedOrders.isHlCloid("0x1234"));
        assertFalse(FinishedOrders.isHlCloid("M1-23"));
    }
}
