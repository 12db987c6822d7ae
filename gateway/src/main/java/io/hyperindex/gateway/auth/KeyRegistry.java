package io.hyperindex.gateway.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account's API keys, by key id. Thread-safe: protocol threads look keys up while an
 * operator adds or revokes them. A revoked key stays listed (so it answers KEY_REVOKED, not
 * UNKNOWN_KEY) and can never be re-activated; a new key is registered instead.
 */
public final class KeyRegistry {
    private final ConcurrentHashMap<String, AccountKey> keys = new ConcurrentHashMap<>();

    /**
     * Registers a key. Registering the same key for the same account again only widens nothing:
     * it is refused if the id is already taken by another account or by a revoked key.
     */
    public void register(AccountKey key) {
        keys.compute(key.keyId(), (id, old) -> {
            if (old != null && (old.revoked() || !old.account().equals(key.account()))) {
                throw new IllegalArgumentException("key " + id + " is already registered"
                        + (old.revoked() ? " and revoked" : " for another account"));
            }
            return key;
        });
    }

    /** The key with this id (active or revoked), or null. */
    public AccountKey find(String keyId) {
        return keyId == null ? null : keys.get(keyId);
    }

    /**
     * Revokes a key of {@code account}: from now on it authenticates nothing.
     *
     * @return true if the key was active and belonged to the account
     */
    public boolean revoke(String account, String keyId) {
        boolean[] done = new boolean[1];
        keys.computeIfPresent(keyId, (id, k) -> {
            if (k.revoked() || !k.account().equals(account)) {
                return k;
            }
            done[0] = true;
            return k.revoke();
        });
        return done[0];
    }

    /** The keys of one account (active and revoked), by key id. */
    public List<AccountKey> keysOf(String account) {
        List<AccountKey> out = new ArrayList<>();
        for (AccountKey k : keys.values()) {
            if (k.account().equals(account)) {
                out.add(k);
            }
        }
        out.sort(Comparator.comparing(AccountKey::keyId));
        return out;
    }
}
