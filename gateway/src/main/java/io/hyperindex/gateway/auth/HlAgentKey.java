package io.hyperindex.gateway.auth;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.security.GeneralSecurityException;

/**
 * A Hyperliquid "agent" (API wallet) key: a secp256k1 private key whose address signs
 * actions on the partner's behalf in the Hyperliquid-compatible dialect. The gateway
 * recognises the agent by the address it recovers from a signature.
 *
 * <p>{@link #toString()} never shows the private key.
 */
public final class HlAgentKey {
    private final ECKeyPair pair;

    private HlAgentKey(ECKeyPair pair) {
        this.pair = pair;
    }

    /** A new random key (web3j draws it from a SecureRandom). */
    public static HlAgentKey generate() {
        try {
            return new HlAgentKey(Keys.createEcKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a secp256k1 key", e);
        }
    }

    /** The key whose private key is {@code privateKeyHex} ("0x" + 64 hex digits). */
    public static HlAgentKey fromPrivateKeyHex(String privateKeyHex) {
        if (privateKeyHex == null || !privateKeyHex.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a secp256k1 private key is 0x followed by 64 hex digits");
        }
        BigInteger d = Numeric.toBigInt(privateKeyHex);
        if (d.signum() == 0 || d.compareTo(org.web3j.crypto.Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("a secp256k1 private key must lie between 1 and the curve order");
        }
        return new HlAgentKey(ECKeyPair.create(d));
    }

    /** True if {@code address} is "0x" followed by 40 hex digits. */
    public static boolean isAddress(String address) {
        return address != null && address.matches("0x[0-9a-fA-F]{40}");
    }

    /** The private key as "0x" + 64 lower-case hex digits. Secret: never log it. */
    public String privateKeyHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(pair.getPrivateKey(), 64);
    }

    /** The agent's address, "0x" + 40 lower-case hex digits (Keccak-256 of the public key, last 20 bytes). */
    public String address() {
        return "0x" + Keys.getAddress(pair.getPublicKey());
    }

    @Override
    public String toString() {
        return "HlAgentKey[" + address() + "]";
    }
}
