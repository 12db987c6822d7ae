package io.hyperindex.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The strings a partner signs, one per protocol, as pure functions so that every adapter and
 * every SDK builds exactly the same bytes. Lines are joined with a single {@code '\n'};
 * docs/api-signing.md gives worked examples.
 */
public final class CanonicalRequest {
    private CanonicalRequest() {
    }

    /**
     * gRPC: {@code <timestamp>\n<full method name>\n<hex SHA-256 of the serialized request message>},
     * e.g. {@code 1767225600000\nhyperindex.gateway.v1.Trading/PlaceOrder\n9f86...}. The hash is
     * over the exact message bytes sent on the wire (without the 5-byte gRPC frame header).
     */
    public static byte[] grpc(long timestampMillis, String fullMethodName, byte[] requestBytes) {
        return (timestampMillis + "\n" + fullMethodName + "\n" + sha256Hex(requestBytes)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * REST: {@code <timestamp>\n<METHOD>\n<path with query>\n<body>}, e.g.
     * {@code 1767225600000\nPOST\n/api/v1/orders?dryRun=false\n{"symbol":"BTC-USDC"}}. The method is upper
     * case; the path and query exactly as sent (no re-encoding, no reordering); an empty body is
     * the empty string.
     */
    public static byte[] rest(long timestampMillis, String method, String pathWithQuery, byte[] body) {
        byte[] head = (timestampMillis + "\n" + method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathWithQuery + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /**
     * WebSocket {@code auth} message: {@code <timestamp>\nWS-AUTH\n<path>\n<key id>}, e.g.
     * {@code 1767225600000\nWS-AUTH\n/ws/v1\nhik_21fe31dfa154a261}. {@code WS-AUTH} is no HTTP
     * method, so the signature cannot be taken for a REST request's, nor a gRPC one's.
     */
    public static byte[] webSocketAuth(long timestampMillis, String path, String keyId) {
        return (timestampMillis + "\nWS-AUTH\n" + path + "\n" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
