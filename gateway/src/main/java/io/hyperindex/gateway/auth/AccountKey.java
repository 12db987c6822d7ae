package io.hyperindex.gateway.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * One Ed25519 public key registered for an account, with the scopes it is granted. The
 * gateway holds only the public half; the partner keeps the seed.
 *
 * @param keyId     {@link Ed25519Key#keyIdOf} of the public key
 * @param account   the account it signs for
 * @param publicKey the 32-byte Ed25519 public key
 * @param scopes    what the key may do
 * @param revoked   true once revoked: the key authenticates nothing any more
 */
public record AccountKey(String keyId, String account, byte[] publicKey, Set<Scope> scopes, boolean revoked) {

    public AccountKey {
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        if (!Ed25519Key.keyIdOf(publicKey).equals(keyId)) {
            throw new IllegalArgumentException("key id " + keyId + " is not derived from its public key");
        }
        if (account == null || account.isBlank() || scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs an account and at least one scope");
        }
        publicKey = publicKey.clone();
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** An active key for {@code account} from its public key in hex (64 digits). */
    public static AccountKey of(String account, String publicKeyHex, Set<Scope> scopes) {
        if (publicKeyHex == null || !publicKeyHex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("an Ed25519 public key is 64 hex digits");
        }
        byte[] pk = java.util.HexFormat.of().parseHex(publicKeyHex);
        return new AccountKey(Ed25519Key.keyIdOf(pk), account, pk, scopes, false);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The same key, revoked. */
    public AccountKey revoke() {
        return new AccountKey(keyId, account, publicKey, scopes, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountKey k && keyId.equals(k.keyId) && account.equals(k.account)
                && Arrays.equals(publicKey, k.publicKey) && scopes.equals(k.scopes) && revoked == k.revoked;
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "AccountKey[" + keyId + " " + account + " " + scopes + (revoked ? " revoked" : "") + "]";
    }
}
