package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixRejectCodesTest {
    /** The values the FIX 4.4 dictionary defines for OrdRejReason(103) and CxlRejReason(102). */
    private static final Set<Integer> ORD_REJ = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 99);
    private static final Set<Integer> CXL_REJ = Set.of(0, 1, 2, 3, 4, 5, 6, 99);

    @Test
    void everyReasonCodeMapsToDictionaryValuesAndANamedText() {
        for (ReasonCode r : ReasonCode.values()) {
            FixRejectCodes.Mapping m = FixRejectCodes.of(r);
            assertTrue(ORD_REJ.contains(m.ordRejReason()), r + " -> OrdRejReason " + m.ordRejReason());
            assertTrue(CXL_REJ.contains(m.cxlRejReason()), r + " -> CxlRejReason " + m.cxlRejReason());
            assertEquals(r.name() + " (" + r.number() + "): " + r.message(), FixRejectCodes.text(r));
        }
    }

    @Test
    void theCodesPartnersBranchOnAreTheStandardOnes() {
        assertEquals(1, FixRejectCodes.of(ReasonCode.UNKNOWN_INSTRUMENT).ordRejReason());
        assertEquals(6, FixRejectCodes.of(ReasonCode.DUPLICATE_CLIENT_ORDER_ID).ordRejReason());
        assertEquals(13, FixRejectCodes.of(ReasonCode.QUANTITY_OFF_LOT).ordRejReason());
        assertEquals(3, FixRejectCodes.of(ReasonCode.POSITION_LIMIT).ordRejReason());
        assertEquals(1, FixRejectCodes.of(ReasonCode.UNKNOWN_ORDER).cxlRejReason());
    }
}
