package io.hyperindex.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hyperindex.gateway.domain.ReasonCode;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Checks one signed request: the key exists and is active, the timestamp lies within the
 * receive window of the gateway's clock, the Ed25519 signature verifies over the canonical
 * string, the same signature was not seen before within the window, and the key has the
 * scope the request needs. Shared by every protocol adapter; thread-safe.
 *
 * <p>Replays are caught by remembering each accepted signature (Ed25519 signatures are
 * deterministic, so resending a request resends its signature) for twice the window in a
 * bounded Caffeine cache; a request older than the window is refused by its timestamp anyway.
 */
public final class RequestVerifier {
    /** Default receive window: a request's timestamp may differ from the gateway's clock by this much. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{128}");

    private final KeyRegistry keys;
    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final Cache<String, Boolean> seen;
    /**
     * Public keys decoded once, by key id: a key id is the hash of its public key (AccountKey
     * checks it), so an entry never goes stale; revocation is checked before the signature.
     */
    private final Cache<String, Ed25519PublicKeyParameters> decoded = Caffeine.newBuilder().maximumSize(100_000).build();

    /**
     * @param keys        the registered keys
     * @param window      receive window (a timestamp further than this from now is refused)
     * @param clockMillis the gateway's clock, epoch milliseconds
     * @param maxSeen     how many recent signatures are remembered for replay detection
     */
    public RequestVerifier(KeyRegistry keys, Duration window, LongSupplier clockMillis, long maxSeen) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the receive window must be positive");
        }
        this.keys = keys;
        this.windowMillis = window.toMillis();
        this.clockMillis = clockMillis;
        this.seen = Caffeine.newBuilder().maximumSize(maxSeen).expireAfterWrite(window.multipliedBy(2)).build();
    }

    /** A verifier with the default 5 s window on the system clock, remembering up to a million signatures. */
    public RequestVerifier(KeyRegistry keys) {
        this(keys, DEFAULT_WINDOW, System::currentTimeMillis, 1_000_000);
    }

    /**
     * Parses the three transport values (as received, possibly null) and verifies the request.
     *
     * @param keyId        the key id sent
     * @param timestamp    epoch milliseconds as decimal digits
     * @param signatureHex the 64-byte Ed25519 signature as 128 hex digits
     * @param canonical    builds the canonical string from the parsed timestamp
     * @param needed       the scope this request requires
     * @return the caller
     * @throws AuthenticationFailure with the reason code to report
     */
    public Caller verify(String keyId, String timestamp, String signatureHex, CanonicalBuilder canonical, Scope needed)
            throws AuthenticationFailure {
        if (keyId == null || timestamp == null || signatureHex == null) {
            throw new AuthenticationFailure(ReasonCode.UNAUTHENTICATED,
                    "missing " + (keyId == null ? "key id" : timestamp == null ? "timestamp" : "signature"));
        }
        AccountKey key = keys.find(keyId);
        if (key == null) {
            throw new AuthenticationFailure(ReasonCode.UNKNOWN_KEY, "no API key " + printable(keyId));
        }
        if (key.revoked()) {
            throw new AuthenticationFailure(ReasonCode.KEY_REVOKED, "API key " + keyId + " was revoked");
        }
        long ts;
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            throw new AuthenticationFailure(ReasonCode.INVALID_REQUEST, "timestamp must be epoch milliseconds (digits only)");
        }
        ts = Long.parseLong(timestamp);
        long now = clockMillis.getAsLong();
        if (Math.abs(now - ts) > windowMillis) {
            throw new AuthenticationFailure(ReasonCode.TIMESTAMP_OUTSIDE_WINDOW,
                    "timestamp " + ts + " is " + (now - ts) + " ms from the gateway clock " + now + " (window "
                            + windowMillis + " ms)");
        }
        if (!SIGNATURE.matcher(signatureHex).matches()) {
            throw new AuthenticationFailure(ReasonCode.INVALID_SIGNATURE, "signature must be 128 hex digits (64 bytes)");
        }
        byte[] sig = HEX.parseHex(signatureHex);
        byte[] message = canonical.build(ts);
        if (!Ed25519Key.verify(decoded.get(keyId, k -> Ed25519Key.decodePublicKey(key.publicKey())), message, sig)) {
            throw new AuthenticationFailure(ReasonCode.INVALID_SIGNATURE,
                    "signature does not verify for key " + keyId + " over the canonical string");
        }
        if (seen.asMap().putIfAbsent(keyId + ':' + signatureHex.toLowerCase(java.util.Locale.ROOT), Boolean.TRUE) != null) {
            throw new AuthenticationFailure(ReasonCode.REPLAYED_REQUEST, "this signed request was already received");
        }
        if (!key.scopes().contains(needed)) {
            throw new AuthenticationFailure(ReasonCode.NOT_PERMITTED,
                    "key " + keyId + " lacks the " + needed.name().toLowerCase(java.util.Locale.ROOT) + " scope");
        }
        return new Caller(key.account(), key.keyId(), key.scopes());
    }

    /** Builds the canonical string once the timestamp is parsed. */
    @FunctionalInterface
    public interface CanonicalBuilder {
        byte[] build(long timestampMillis);
    }

    /** A key id as it may appear in a message: only the expected shape is echoed. */
    private static String printable(String keyId) {
        return Ed25519Key.isKeyId(keyId) ? keyId : "(malformed key id)";
    }
}
