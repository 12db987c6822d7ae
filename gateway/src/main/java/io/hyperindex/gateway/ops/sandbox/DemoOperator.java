package io.hyperindex.gateway.ops.sandbox;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The sandbox's operator key, as written to {@code demo-accounts.json}: an Ed25519 key with the
 * admin scope, so the Admin API can be tried out of the box. {@link #toString()} leaves the
 * seed out.
 *
 * @param keyId               id of the key (derived from its public key)
 * @param ed25519SeedHex      the 32-byte Ed25519 seed (the signing secret), 64 hex digits
 * @param ed25519PublicKeyHex the 32-byte Ed25519 public key, 64 hex digits
 */
@JsonPropertyOrder({"keyId", "ed25519SeedHex", "ed25519PublicKeyHex"})
public record DemoOperator(String keyId, String ed25519SeedHex, String ed25519PublicKeyHex) {

    @Override
    public String toString() {
        return "DemoOperator[keyId " + keyId + "]";
    }
}
