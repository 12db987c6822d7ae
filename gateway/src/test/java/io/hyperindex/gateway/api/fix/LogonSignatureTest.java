package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins the worked example of fix-spec/RULES_OF_ENGAGEMENT.md ("Logon and signing"). */
class LogonSignatureTest {
    /** RFC 8032 test vector 1's secret key as the seed. */
    private static final Ed25519Key KEY = Ed25519Key.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String CANONICAL = "20261201-08:30:00.000|A|1|MM-ALPHA|HYPERINDEX|hik_21fe31dfa154a261";
    private static final String SIGNATURE = "vNZXBM9Zi7l93HVEwatanbZvyts16bWdaAg7wKb3rE0vRtsK41TnfU1EO/NaxS7jUQFFU0EhgPh0YUPUUC+6Bw==";

    @Test
    void theWorkedExampleOfTheRulesOfEngagementHolds() {
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", KEY.publicKeyHex());
        assertEquals("hik_21fe31dfa154a261", KEY.keyId());
        assertEquals(CANONICAL, LogonSignature.canonical("20261201-08:30:00.000", "A", "1", "MM-ALPHA", "HYPERINDEX",
                KEY.keyId()));
        assertEquals(SIGNATURE, LogonSignature.sign(KEY, CANONICAL));
        assertTrue(LogonSignature.verify(KEY.publicKeyHex(), CANONICAL, SIGNATURE));
    }

    @Test
    void aSignatureOverOtherFieldsOrMalformedDoesNotVerify() {
        assertFalse(LogonSignature.verify(KEY.publicKeyHex(), CANONICAL.replace("|1|", "|2|"), SIGNATURE));
        assertFalse(LogonSignature.verify(KEY.publicKeyHex(), CANONICAL, "not base64!"));
        assertFalse(LogonSignature.verify(KEY.publicKeyHex(), CANONICAL, "AAAA"));
        assertFalse(LogonSignature.verify("zz", CANONICAL, SIGNATURE));
    }
}
