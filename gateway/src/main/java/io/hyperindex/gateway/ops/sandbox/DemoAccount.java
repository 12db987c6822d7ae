package io.hyperindex.gateway.ops.sandbox;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The sandbox credentials of one demo account, as written to {@code demo-accounts.json}.
 * {@link #toString()} leaves the two secrets out, so a demo account can be logged.
 *
 * @param account             account id
 * @param displayName         the firm's name
 * @param keyId               id of the Ed25519 API key (derived from its public key)
 * @param ed25519SeedHex      the 32-byte Ed25519 seed (the signing secret), 64 hex digits
 * @param ed25519PublicKeyHex the 32-byte Ed25519 public key, 64 hex digits
 * @param fixSenderCompId     SenderCompID the partner sends on FIX
 * @param fixTargetCompId     TargetCompID the partner sends on FIX
 * @param hlAgentPrivateKey   secp256k1 agent private key, "0x" + 64 hex digits (secret)
 * @param hlAgentAddress      the agent's address, "0x" + 40 hex digits
 */
@JsonPropertyOrder({"account", "displayName", "keyId", "ed25519SeedHex", "ed25519PublicKeyHex", "fixSenderCompId",
        "fixTargetCompId", "hlAgentPrivateKey", "hlAgentAddress"})
public record DemoAccount(String account, String displayName, String keyId, String ed25519SeedHex,
                          String ed25519PublicKeyHex, String fixSenderCompId, String fixTargetCompId,
                          String hlAgentPrivateKey, String hlAgentAddress) {

    @Override
    public String toString() {
        return "DemoAccount[" + account + ", keyId " + keyId + ", FIX " + fixSenderCompId + "->" + fixTargetCompId
                + ", agent " + hlAgentAddress + "]";
    }
}
