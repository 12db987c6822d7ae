package io.hyperindex.gateway.mm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GLFT closed form against values worked out here step by step. */
class GlftModelTest {

    @Test
    void avellanedaStoikovMarketWithUnitSizeGivesTheHandComputedQuote() {
        // gamma = xi = 0.1, delta = 1, A = 140, k = 1.5, sigma = 2
        // c1 = (1/0.1) ln(1 + 0.1/1.5) = 10 ln(1.0666...) = 0.645385
        double c1 = 10 * Math.log(16.0 / 15.0);
        assertEquals(0.645385, c1, 1e-6);
        // c2 = sqrt(0.1/(2*140*1*1.5) * (16/15)^(1.5/0.1 + 1)) = sqrt(2.380952e-4 * (16/15)^16)
        double growth = Math.pow(16.0 / 15.0, 16);
        assertEquals(2.80840, growth, 1e-4);
        double c2 = Math.sqrt(0.1 / 420 * growth);
        assertEquals(0.0258586, c2, 1e-6);

        GlftModel.Quote q = GlftModel.quote(140, 1.5, 2, 0.1, 1, 0);
        assertEquals(c1, q.c1(), 1e-12);
        assertEquals(c2, q.c2(), 1e-12);
        assertEquals(c1 + 0.5 * 2 * c2, q.halfSpread(), 1e-12); // c1 + (delta/2) sigma c2
        assertEquals(2 * c2, q.skew(), 1e-12);                  // sigma c2
        assertEquals(q.halfSpread(), q.bidDepth(), 1e-12);
        assertEquals(q.halfSpread(), q.askDepth(), 1e-12);
    }

    @Test
    void inventoryShiftsBothQuotesAgainstThePositionBySkewTimesQ() {
        GlftModel.Quote flat = GlftModel.quote(140, 1.5, 2, 0.1, 1, 0);
        GlftModel.Quote longThree = GlftModel.quote(140, 1.5, 2, 0.1, 1, 3);
        // long: the bid goes deeper and the ask closer, each by 3 * skew
        assertEquals(flat.bidDepth() + 3 * flat.skew(), longThree.bidDepth(), 1e-12);
        assertEquals(flat.askDepth() - 3 * flat.skew(), longThree.askDepth(), 1e-12);
        GlftModel.Quote shortTwo = GlftModel.quote(140, 1.5, 2, 0.1, 1, -2);
        assertTrue(shortTwo.bidDepth() < flat.bidDepth() && shortTwo.askDepth() > flat.askDepth());
    }

    @Test
    void orderSizeEntersC1C2AndTheHalfSpread() {
        // delta = 2, gamma = 0.3, A = 1, k = 0.5, sigma = 1: x = xi*delta = 0.6
        double c1 = Math.log(1 + 0.6 / 0.5) / 0.6;                               // ln(2.2)/0.6 = 1.314096
        double c2 = Math.sqrt(0.3 / (2 * 1 * 2 * 0.5) * Math.pow(2.2, 0.5 / 0.6 + 1)); // sqrt(0.15 * 2.2^1.8333)
        assertEquals(1.314096, c1, 1e-6);
        assertEquals(Math.sqrt(0.15 * Math.exp(1.8333333333 * Math.log(2.2))), c2, 1e-9);
        GlftModel.Quote q = GlftModel.quote(1, 0.5, 1, 0.3, 2, 1);
        assertEquals(c1, q.c1(), 1e-12);
        assertEquals(c2, q.c2(), 1e-12);
        assertEquals(c1 + 1 * 1 * c2, q.halfSpread(), 1e-12); // (delta/2) = 1
        assertEquals(q.halfSpread() + c2, q.bidDepth(), 1e-12);
    }

    @Test
    void vanishingRiskAversionTendsToOneOverK() {
        assertEquals(1 / 1.5, GlftModel.c1(1e-9, 1, 1.5), 1e-6);
    }

    @Test
    void nonPositiveInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GlftModel.quote(0, 1.5, 2, 0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> GlftModel.quote(140, 1.5, 2, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> GlftModel.quote(140, -1, 2, 0.1, 1, 0));
    }
}
