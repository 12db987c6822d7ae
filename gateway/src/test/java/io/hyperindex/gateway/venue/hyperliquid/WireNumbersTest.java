package io.hyperindex.gateway.venue.hyperliquid;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.hyperindex.gateway.venue.hyperliquid.WireNumbers.PRICE_ERROR;
import static io.hyperindex.gateway.venue.hyperliquid.WireNumbers.SIZE_ERROR;
import static io.hyperindex.gateway.venue.hyperliquid.WireNumbers.checkPrice;
import static io.hyperindex.gateway.venue.hyperliquid.WireNumbers.checkSize;
import static io.hyperindex.gateway.venue.hyperliquid.WireNumbers.toWire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WireNumbersTest {

    @Test
    void aPriceHasAtMostFiveSignificantFigures() {
        assertNull(checkPrice("1234.5", 0, false));
        assertEquals(PRICE_ERROR, checkPrice("1234.56", 0, false), "six significant figures");
        assertNull(checkPrice("0.00012345", 0, true), "spot: 8 decimals, 5 significant figures");
    }

    @Test
    void integerPricesAreAlwaysAllowed() {
        assertNull(checkPrice("123456", 5, false), "more than 5 figures, but an integer");
        assertNull(checkPrice("2000.0", 4, false), "2000.0 is the integer 2000");
    }

    @Test
    void perpPricesHaveAtMostSixMinusSzDecimalsDecimals() {
        assertNull(checkPrice("0.123", 3, false), "3 decimals with szDecimals 3");
        assertEquals(PRICE_ERROR, checkPrice("0.0123", 3, false), "4 decimals with szDecimals 3");
        assertNull(checkPrice("0.001234", 0, false), "6 decimals with szDecimals 0");
        assertEquals(PRICE_ERROR, checkPrice("0.0001234", 0, false), "7 decimals on a perp");
    }

    @Test
    void spotPricesHaveAtMostEightMinusSzDecimalsDecimals() {
        assertNull(checkPrice("0.000123", 2, true), "6 decimals with szDecimals 2 on spot");
        assertEquals(PRICE_ERROR, checkPrice("0.0000123", 2, true), "7 decimals with szDecimals 2 on spot");
    }

    @Test
    void malformedOrNonPositivePricesAreRefused() {
        for (String bad : new String[]{"", "-1", "0", "1e3", "1.", ".5", "1,5", "0x10", " 1", "NaN"}) {
            assertEquals(PRICE_ERROR, checkPrice(bad, 0, false), bad);
        }
    }

    @Test
    void sizesHaveAtMostSzDecimalsDecimals() {
        assertNull(checkSize("0.0147", 4));
        assertNull(checkSize("0.01470", 4), "a trailing zero is not a decimal place used");
        assertEquals(SIZE_ERROR, checkSize("0.01471", 4));
        assertNull(checkSize("100", 0));
        assertEquals(SIZE_ERROR, checkSize("0.5", 0));
        assertEquals(SIZE_ERROR, checkSize("0", 2));
        assertEquals(SIZE_ERROR, checkSize("-1", 2));
    }

    @Test
    void theWireFormHasNoTrailingZerosAndNoExponent() {
        assertEquals("95000", toWire(new BigDecimal("95000.000")));
        assertEquals("0.1", toWire(new BigDecimal("0.10000000")));
        assertEquals("100", toWire(new BigDecimal("1E+2")));
        assertEquals("0", toWire(BigDecimal.ZERO.setScale(8)));
        assertThrows(IllegalArgumentException.class, () -> toWire(new BigDecimal("-1")));
    }
}
