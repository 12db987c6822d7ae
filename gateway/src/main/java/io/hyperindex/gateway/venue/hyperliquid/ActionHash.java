package io.hyperindex.gateway.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.nio.ByteBuffer;

/**
 * The hash Hyperliquid signs for an L1 action (its "connection id"):
 * {@code keccak256(msgpack(action) ‖ nonce as u64 big-endian ‖ vault flag ‖ [vault address] ‖ [0x00 ‖ expiresAfter as u64])},
 * where the vault flag is 0x00 without a vault and 0x01 followed by the 20 address bytes with
 * one, and the expiresAfter part is present only when it is set.
 */
public final class ActionHash {
    private ActionHash() {
    }

    /**
     * @param vaultAddress "0x" + 40 hex digits, or null
     * @param expiresAfter epoch milliseconds, or null
     */
    public static byte[] of(JsonNode action, long nonce, String vaultAddress, Long expiresAfter) {
        return of(ActionCodec.pack(action), nonce, vaultAddress, expiresAfter);
    }

    /** As {@link #of(JsonNode, long, String, Long)} for an action already packed. */
    public static byte[] of(byte[] packedAction, long nonce, String vaultAddress, Long expiresAfter) {
        byte[] vault = vaultAddress == null ? null : address(vaultAddress);
        ByteBuffer b = ByteBuffer.allocate(packedAction.length + 8 + 1 + (vault == null ? 0 : 20)
                + (expiresAfter == null ? 0 : 9));
        b.put(packedAction).putLong(nonce);
        if (vault == null) {
            b.put((byte) 0);
        } else {
            b.put((byte) 1).put(vault);
        }
        if (expiresAfter != null) {
            b.put((byte) 0).putLong(expiresAfter);
        }
        return Hash.sha3(b.array());
    }

    static byte[] address(String hex) {
        if (hex == null || !hex.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("an address is 0x followed by 40 hex digits: " + hex);
        }
        return Numeric.hexStringToByteArray(hex);
    }
}
