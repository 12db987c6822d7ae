package io.hyperindex.gateway.auth;

import io.hyperindex.gateway.domain.ReasonCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestVerifierTest {
    final Ed25519Key key = Ed25519Key.fromSeedHex("11".repeat(32));
    final KeyRegistry keys = new KeyRegistry();
    final AtomicLong clock = new AtomicLong(1_767_225_600_000L);
    final RequestVerifier verifier = new RequestVerifier(keys, Duration.ofSeconds(5), clock::get, 1_000);

    RequestVerifierTest() {
        keys.register(AccountKey.of("mm-alpha", key.publicKeyHex(), EnumSet.of(Scope.READ, Scope.TRADE)));
    }

    static byte[] canonical(long ts) {
        return CanonicalRequest.rest(ts, "GET", "/api/v1/balances", new byte[0]);
    }

    Caller verify(String keyId, long ts, String sig, Scope scope) throws AuthenticationFailure {
        return verifier.verify(keyId, Long.toString(ts), sig, RequestVerifierTest::canonical, scope);
    }

    ReasonCode refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(AuthenticationFailure.class, call).reason();
    }

    @Test
    void aFreshCorrectlySignedRequestNamesItsAccountAndKey() throws Exception {
        long ts = clock.get() - 4_000;
        Caller c = verify(key.keyId(), ts, key.signHex(canonical(ts)), Scope.TRADE);
        assertEquals("mm-alpha", c.account());
        assertEquals(key.keyId(), c.keyId());
        assertTrue(c.has(Scope.READ));
        assertFalse(c.has(Scope.ADMIN));
    }

    @Test
    void theReceiveWindowIsFiveSecondsEitherWay() {
        long now = clock.get();
        assertEquals(ReasonCode.TIMESTAMP_OUTSIDE_WINDOW,
                refusal(() -> verify(key.keyId(), now - 5_001, key.signHex(canonical(now - 5_001)), Scope.READ)));
        assertEquals(ReasonCode.TIMESTAMP_OUTSIDE_WINDOW,
                refusal(() -> verify(key.keyId(), now + 5_001, key.signHex(canonical(now + 5_001)), Scope.READ)));
        assertEquals(ReasonCode.INVALID_REQUEST,
                refusal(() -> verifier.verify(key.keyId(), "-5", key.signHex(canonical(now)), RequestVerifierTest::canonical, Scope.READ)));
    }

    @Test
    void aReplayIsCaughtWhileTheTimestampIsStillInsideTheWindow() throws Exception {
        long ts = clock.get();
        String sig = key.signHex(canonical(ts));
        verify(key.keyId(), ts, sig, Scope.READ);
        clock.addAndGet(4_000);
        assertEquals(ReasonCode.REPLAYED_REQUEST, refusal(() -> verify(key.keyId(), ts, sig, Scope.READ)));
        assertEquals(ReasonCode.REPLAYED_REQUEST, refusal(() -> verify(key.keyId(), ts, sig.toUpperCase(), Scope.READ)),
                "hex case does not make a new signature");
        clock.addAndGet(2_000);
        assertEquals(ReasonCode.TIMESTAMP_OUTSIDE_WINDOW, refusal(() -> verify(key.keyId(), ts, sig, Scope.READ)));
    }

    @Test
    void missingPartsWrongKeysWrongSignaturesAndScopesHaveTheirOwnReasons() {
        long ts = clock.get();
        String sig = key.signHex(canonical(ts));
        assertEquals(ReasonCode.UNAUTHENTICATED, refusal(() -> verifier.verify(null, "1", sig, RequestVerifierTest::canonical, Scope.READ)));
        assertEquals(ReasonCode.UNAUTHENTICATED, refusal(() -> verifier.verify(key.keyId(), null, sig, RequestVerifierTest::canonical, Scope.READ)));
        assertEquals(ReasonCode.UNAUTHENTICATED, refusal(() -> verifier.verify(key.keyId(), "1", null, RequestVerifierTest::canonical, Scope.READ)));
        assertEquals(ReasonCode.UNKNOWN_KEY, refusal(() -> verify("hik_0000000000000000", ts, sig, Scope.READ)));
        assertEquals(ReasonCode.INVALID_SIGNATURE, refusal(() -> verify(key.keyId(), ts, "00".repeat(64), Scope.READ)));
        assertEquals(ReasonCode.INVALID_SIGNATURE, refusal(() -> verify(key.keyId(), ts, "not hex", Scope.READ)));
        assertEquals(ReasonCode.INVALID_SIGNATURE, refusal(() -> verify(key.keyId(), ts + 1, sig, Scope.READ)),
                "the timestamp is part of what is signed");
        assertEquals(ReasonCode.NOT_PERMITTED, refusal(() -> verify(key.keyId(), ts, sig, Scope.ADMIN)));
        keys.revoke("mm-alpha", key.keyId());
        long later = ts + 1;
        assertEquals(ReasonCode.KEY_REVOKED, refusal(() -> verify(key.keyId(), later, key.signHex(canonical(later)), Scope.READ)));
    }

    @Test
    void theReplayMemoryIsBounded() throws Exception {
        RequestVerifier small = new RequestVerifier(keys, Duration.ofSeconds(5), clock::get, 10);
        for (int i = 0; i < 1_000; i++) {
            long ts = clock.get() - i;
            small.verify(key.keyId(), Long.toString(ts), key.signHex(canonical(ts)), RequestVerifierTest::canonical, Scope.READ);
        }
        // no assertion on which entries survive: Caffeine evicts to its bound; the point is it never grows past it
    }
}
