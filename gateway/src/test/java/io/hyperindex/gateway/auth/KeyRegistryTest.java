package io.hyperindex.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRegistryTest {
    final Ed25519Key a1 = Ed25519Key.fromSeedHex("21".repeat(32));
    final Ed25519Key a2 = Ed25519Key.fromSeedHex("22".repeat(32));

    @Test
    void anAccountHasSeveralKeysAndRevokingOneLeavesTheOthers() {
        KeyRegistry keys = new KeyRegistry();
        keys.register(AccountKey.of("mm-alpha", a1.publicKeyHex(), EnumSet.of(Scope.TRADE, Scope.READ)));
        keys.register(AccountKey.of("mm-alpha", a2.publicKeyHex(), EnumSet.of(Scope.READ)));
        assertEquals(2, keys.keysOf("mm-alpha").size());
        assertFalse(keys.revoke("mm-bravo", a1.keyId()), "only the owning account revokes a key");
        assertTrue(keys.revoke("mm-alpha", a1.keyId()));
        assertFalse(keys.revoke("mm-alpha", a1.keyId()), "revoking twice changes nothing");
        assertTrue(keys.find(a1.keyId()).revoked());
        assertFalse(keys.find(a2.keyId()).revoked());
        assertThrows(IllegalArgumentException.class,
                () -> keys.register(AccountKey.of("mm-alpha", a1.publicKeyHex(), EnumSet.of(Scope.READ))),
                "a revoked key cannot come back");
        assertThrows(IllegalArgumentException.class,
                () -> keys.register(AccountKey.of("mm-bravo", a2.publicKeyHex(), EnumSet.of(Scope.READ))),
                "a key signs for one account only");
    }

    @Test
    void aKeyIdMustBeDerivedFromItsPublicKeyAndAKeyNeedsAScope() {
        assertThrows(IllegalArgumentException.class, () -> new AccountKey("hik_0000000000000000", "mm-alpha",
                java.util.HexFormat.of().parseHex(a1.publicKeyHex()), EnumSet.of(Scope.READ), false));
        assertThrows(IllegalArgumentException.class, () -> AccountKey.of("mm-alpha", a1.publicKeyHex(), EnumSet.noneOf(Scope.class)));
        assertThrows(IllegalArgumentException.class, () -> AccountKey.of("mm-alpha", "abc", EnumSet.of(Scope.READ)));
        assertFalse(AccountKey.of("mm-alpha", a1.publicKeyHex(), EnumSet.of(Scope.READ)).toString().contains(a1.seedHex()));
    }
}
