package io.hyperindex.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key change log: replayed over the configured keys; a torn last line is dropped. */
class KeyRegistryLogTest {
    private static final Ed25519Key A = Ed25519Key.fromSeedHex("11".repeat(32));
    private static final Ed25519Key B = Ed25519Key.fromSeedHex("22".repeat(32));

    private static KeyRegistry configured() {
        KeyRegistry r = new KeyRegistry();
        r.register(AccountKey.of("alpha", A.publicKeyHex(), EnumSet.of(Scope.READ, Scope.TRADE)));
        return r;
    }

    @Test
    void changesAfterAttachingAreReplayedOverTheConfiguredKeys(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("keys.log");
        KeyRegistry first = configured();
        assertEquals(0, first.attachLog(log));
        first.register(AccountKey.of("alpha", B.publicKeyHex(), EnumSet.of(Scope.READ)));
        assertTrue(first.revoke("alpha", A.keyId()));
        assertFalse(first.revoke("alpha", A.keyId()), "revoked once");
        first.closeLog();

        KeyRegistry second = configured();
        assertFalse(second.find(A.keyId()).revoked(), "configuration alone: active");
        assertEquals(2, second.attachLog(log));
        assertTrue(second.find(A.keyId()).revoked(), "the revocation outlives the configuration");
        assertEquals(EnumSet.of(Scope.READ), EnumSet.copyOf(second.find(B.keyId()).scopes()));
        second.closeLog();
    }

    @Test
    void aLineCutShortByACrashWasNeverAcknowledgedAndIsDropped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("keys.log");
        KeyRegistry first = configured();
        first.attachLog(log);
        first.register(AccountKey.of("alpha", B.publicKeyHex(), EnumSet.of(Scope.READ)));
        first.closeLog();
        Files.writeString(log, "{\"op\":\"revoke\",\"account\":\"alpha\",\"keyId\":\"" + A.keyId().substring(0, 5),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        KeyRegistry second = configured();
        assertEquals(1, second.attachLog(log));
        assertFalse(second.find(A.keyId()).revoked());
        assertTrue(Files.readString(log).endsWith("\n"), "the torn tail is cut off, so appending continues cleanly");
        assertTrue(second.revoke("alpha", A.keyId()));
        second.closeLog();
        KeyRegistry third = configured();
        assertEquals(2, third.attachLog(log));
        assertTrue(third.find(A.keyId()).revoked());
        assertNull(third.find("no-such-key"));
        third.closeLog();
    }
}
