package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** P&amp;L against hand-worked examples. Instrument: price 2 decimals, whole lots; 1 lot at 10.00 = $10. */
class PositionBookTest {
    static final Instrument IDX = new Instrument(0, "HIDX-USDC", 2, 0, 1, 1, Money.ONE_USDC, 1_000_000, 5_000, 200, 1_000);
    static final long USD = Money.ONE_USDC;
    final PositionBook book = new PositionBook(new Instrument[]{IDX}, 1);

    @Test
    void averageEntryRealizedAndUnrealizedThroughPartialClosesAndAFlip() {
        book.onFill(0, 0, 10, 1_000, 3 * USD / 100);       // buy 10 @ 10.00, fee $0.03
        book.onFill(0, 0, 5, 1_100, 0);                      // buy 5 @ 11.00
        assertEquals(15, book.position(0, 0));
        assertEquals(155 * USD, book.openCost(0, 0));
        assertEquals(new BigDecimal("10.33333333333333"), book.averageEntry(0, 0));

        book.onFill(0, 0, -6, 1_200, 0);                     // sell 6 @ 12.00: closes 6 of 15
        assertEquals(10 * USD, book.realized(0, 0), "72 proceeds - 62 cost");
        assertEquals(93 * USD, book.openCost(0, 0));
        assertEquals(9, book.position(0, 0));

        book.onFill(0, 0, -14, 900, 0);                      // sell 14 @ 9.00: closes 9, opens 5 short
        assertEquals(-2 * USD, book.realized(0, 0), "+10, then 81 - 93 = -12");
        assertEquals(-5, book.position(0, 0));
        assertEquals(-45 * USD, book.openCost(0, 0), "the new short opened at the fill price");
        assertEquals(new BigDecimal("9"), book.averageEntry(0, 0));
        assertEquals(5 * USD, book.unrealized(0, 0, 800), "short 5 from 9.00, marked at 8.00");

        book.onFill(0, 0, 5, 850, -1_000_000);               // buy back 5 @ 8.50, with a $0.01 rebate
        assertEquals(0, book.position(0, 0));
        assertEquals(0, book.openCost(0, 0));
        assertEquals(USD / 2, book.realized(0, 0), "-2 + (45 - 42.50)");
        assertEquals(2_000_000, book.fees(0, 0), "0.03 paid - 0.01 rebate");
        assertEquals(USD / 2 - 2_000_000, book.totalPnl(0, marks(850)), "realized minus fees, flat");
    }

    @Test
    void closingAThirdOfAPositionRoundsTheCostTowardZeroAndKeepsTheRemainder() {
        book.onFill(0, 0, 3, 3_333, 0);                      // cost 99.99
        book.onFill(0, 0, -1, 3_333, 0);
        assertEquals(0, book.realized(0, 0));
        assertEquals(6_666 * USD / 100, book.openCost(0, 0));
        book.onFill(0, 0, -2, 3_333, 0);
        assertEquals(0, book.realized(0, 0));
        assertEquals(0, book.openCost(0, 0), "nothing lost to rounding once flat");
    }

    @Test
    void dailyPnlStartsFromTheResetMarks() {
        book.onFill(0, 0, 10, 1_000, 0);
        book.resetDay(marks(1_000));
        assertEquals(0, book.dailyPnl(0, marks(1_000)));
        assertEquals(5 * USD, book.dailyPnl(0, marks(1_050)));
        book.onFill(0, 0, -10, 1_100, 0);
        assertEquals(10 * USD, book.dailyPnl(0, marks(1_100)));
        assertEquals(10 * USD, book.totalPnl(0, marks(1)));
    }

    @Test
    void exposureIsGrossAndNetAtTheMark() {
        PositionBook two = new PositionBook(new Instrument[]{IDX, new Instrument(1, "X", 2, 0, 1, 1, 1, 1_000_000, 5_000, 200, 1_000)}, 1);
        two.onFill(0, 0, 10, 1_000, 0);
        two.onFill(0, 1, -4, 1_000, 0);
        assertEquals(140 * USD, two.grossExposure(0, marks(1_000, 1_000)));
        assertEquals(60 * USD, two.netExposure(0, marks(1_000, 1_000)));
    }

    @Test
    void proportionNeverOverflows() {
        assertEquals(Long.MAX_VALUE / 3, PositionBook.proportion(Long.MAX_VALUE, 1_000_000, 3_000_000));
        assertEquals(-7, PositionBook.proportion(-22, 1, 3));
    }

    static MarkSource marks(long... m) {
        return i -> m[i];
    }
}
