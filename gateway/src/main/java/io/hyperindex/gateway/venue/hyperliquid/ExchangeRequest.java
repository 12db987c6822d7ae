package io.hyperindex.gateway.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

import java.security.SignatureException;

/**
 * The body of a Hyperliquid {@code POST /exchange}: the action, its nonce, the signature and
 * the optional vault address and expiry, in the order Hyperliquid's SDK sends them. Building
 * one signs it; {@link #signer} recovers who signed one.
 */
public final class ExchangeRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExchangeRequest() {
    }

    /** A signed request body for {@code action} (a JSON object whose field order is kept). */
    public static ObjectNode sign(ECKeyPair key, JsonNode action, long nonce, String vaultAddress, Long expiresAfter,
                                  boolean testnet) {
        if (action == null || !action.isObject() || !action.hasNonNull("type")) {
            throw new IllegalArgumentException("an action is a JSON object with a \"type\"");
        }
        byte[] id = ActionHash.of(action, nonce, vaultAddress, expiresAfter);
        AgentSignature.Signature sig = AgentSignature.sign(key, id, testnet);
        ObjectNode body = JSON.createObjectNode();
        body.set("action", action);
        body.put("nonce", nonce);
        ObjectNode s = body.putObject("signature");
        s.put("r", sig.rHex());
        s.put("s", sig.sHex());
        s.put("v", sig.v());
        if (vaultAddress == null) {
            body.putNull("vaultAddress");
        } else {
            body.put("vaultAddress", vaultAddress);
        }
        if (expiresAfter == null) {
            body.putNull("expiresAfter");
        } else {
            body.put("expiresAfter", expiresAfter);
        }
        return body;
    }

    /**
     * The address that signed a request body.
     *
     * @throws IllegalArgumentException if the body lacks a field or a field has the wrong form
     * @throws SignatureException       if the signature cannot be recovered
     */
    public static String signer(JsonNode body, boolean testnet) throws SignatureException {
        JsonNode action = body.get("action");
        JsonNode nonce = body.get("nonce");
        JsonNode sig = body.get("signature");
        if (action == null || !action.isObject() || nonce == null || !nonce.canConvertToLong() || sig == null
                || !sig.isObject()) {
            throw new IllegalArgumentException("a request body has an action object, an integer nonce and a signature");
        }
        String vault = body.hasNonNull("vaultAddress") ? body.get("vaultAddress").asText() : null;
        Long expires = body.hasNonNull("expiresAfter") ? body.get("expiresAfter").asLong() : null;
        byte[] id = ActionHash.of(action, nonce.longValue(), vault, expires);
        return AgentSignature.recover(id, new AgentSignature.Signature(hex(sig, "r"), hex(sig, "s"),
                sig.path("v").asInt(-1)), testnet);
    }

    private static java.math.BigInteger hex(JsonNode sig, String field) {
        String v = sig.path(field).asText("");
        if (!v.matches("0x[0-9a-fA-F]{1,64}")) {
            throw new IllegalArgumentException("signature." + field + " must be 0x and up to 64 hex digits");
        }
        return Numeric.toBigInt(v);
    }
}
