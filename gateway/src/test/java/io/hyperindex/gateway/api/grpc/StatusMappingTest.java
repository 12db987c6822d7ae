package io.hyperindex.gateway.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.proto.v1.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatusMappingTest {

    @Test
    void everyRejectionMapsToAnErrorStatusCarryingItsReasonAndEveryOrderEndToOk() throws Exception {
        for (ReasonCode c : ReasonCode.values()) {
            Status.Code code = StatusMapping.codeOf(c);
            if (c.number() >= 100) {
                assertEquals(Status.Code.OK, code, c + " ends an order; it is no error");
                assertThrows(IllegalArgumentException.class, () -> StatusMapping.toException(c, null));
                continue;
            }
            assertNotEquals(Status.Code.OK, code, c + " rejects a request");
            StatusRuntimeException e = StatusMapping.toException(c, "detail for " + c);
            assertEquals(code, e.getStatus().getCode());
            Reason r = StatusProto.fromThrowable(e).getDetails(0).unpack(Reason.class);
            assertEquals(c.name(), r.getCode());
            assertEquals(c.number(), r.getNumber());
            assertEquals("detail for " + c, r.getMessage());
            assertEquals(c.name(), e.getTrailers().get(StatusMapping.REASON_KEY));
        }
    }

    @Test
    void theStatusFamiliesAreThoseDocumented() {
        assertEquals(Status.Code.INVALID_ARGUMENT, StatusMapping.codeOf(ReasonCode.PRICE_OFF_TICK));
        assertEquals(Status.Code.INVALID_ARGUMENT, StatusMapping.codeOf(ReasonCode.BATCH_TOO_LARGE));
        assertEquals(Status.Code.FAILED_PRECONDITION, StatusMapping.codeOf(ReasonCode.POST_ONLY_WOULD_CROSS));
        assertEquals(Status.Code.FAILED_PRECONDITION, StatusMapping.codeOf(ReasonCode.POSITION_LIMIT));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, StatusMapping.codeOf(ReasonCode.RATE_LIMITED));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, StatusMapping.codeOf(ReasonCode.SLOW_CONSUMER));
        assertEquals(Status.Code.UNAUTHENTICATED, StatusMapping.codeOf(ReasonCode.REPLAYED_REQUEST));
        assertEquals(Status.Code.PERMISSION_DENIED, StatusMapping.codeOf(ReasonCode.NOT_PERMITTED));
        assertEquals(Status.Code.NOT_FOUND, StatusMapping.codeOf(ReasonCode.UNKNOWN_ORDER));
        assertEquals(Status.Code.UNAVAILABLE, StatusMapping.codeOf(ReasonCode.ENGINE_UNAVAILABLE));
    }
}
