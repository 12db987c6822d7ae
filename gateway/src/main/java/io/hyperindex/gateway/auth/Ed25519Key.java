package io.hyperindex.gateway.auth;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A partner's Ed25519 signing key (the 32-byte seed RFC 8032 calls the private key) and the
 * public key derived from it. Partners sign REST/WebSocket/gRPC requests with the seed; the
 * gateway only ever needs the public key and the key id derived from it.
 *
 * <p>{@link #toString()} never shows the seed.
 */
public final class Ed25519Key {
    /** Prefix of every API key id, so a key id is recognisable in logs and configs. */
    public static final String KEY_ID_PREFIX = "hik_";
    private static final Pattern KEY_ID = Pattern.compile("hik_[0-9a-f]{16}");
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519Key(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
        this.seed = seed.clone();
        this.publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    /** A new key from a fresh 32-byte seed drawn from {@code random}. */
    public static Ed25519Key generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        random.nextBytes(seed);
        try {
            return new Ed25519Key(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The key whose seed is {@code seedHex} (64 hex digits). */
    public static Ed25519Key fromSeedHex(String seedHex) {
        if (seedHex == null || !seedHex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("an Ed25519 seed is 64 hex digits");
        }
        return new Ed25519Key(HEX.parseHex(seedHex));
    }

    /**
     * The key id of a public key: {@value #KEY_ID_PREFIX} followed by the first 16 hex digits
     * of the SHA-256 of the 32-byte public key. Stable, public, and safe to log.
     */
    public static String keyIdOf(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + publicKey.length);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return KEY_ID_PREFIX + HEX.formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** True if {@code keyId} has the shape {@link #keyIdOf} produces. */
    public static boolean isKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /** The 32-byte seed as 64 lower-case hex digits. Secret: never log it. */
    public String seedHex() {
        return HEX.formatHex(seed);
    }

    /** The 32-byte public key as 64 lower-case hex digits. */
    public String publicKeyHex() {
        return HEX.formatHex(publicKey);
    }

    /** The key id of this key's public key. */
    public String keyId() {
        return keyIdOf(publicKey);
    }

    /** The 64-byte Ed25519 signature of {@code message} (RFC 8032, pure Ed25519). */
    public byte[] sign(byte[] message) {
        org.bouncycastle.crypto.signers.Ed25519Signer signer = new org.bouncycastle.crypto.signers.Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /**
     * True if {@code signature} is a valid Ed25519 signature of {@code message} by the public
     * key {@code publicKeyHex} (64 hex digits); false for any malformed input.
     */
    public static boolean verify(String publicKeyHex, byte[] message, byte[] signature) {
        if (publicKeyHex == null || !publicKeyHex.matches("[0-9a-fA-F]{64}")) {
            return false;
        }
        return verify(HEX.parseHex(publicKeyHex), message, signature);
    }

    /** As {@link #verify(String, byte[], byte[])} for the 32 raw bytes of the public key. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != 32 || signature == null || signature.length != 64 || message == null) {
            return false;
        }
        return verify(decodePublicKey(publicKey), message, signature);
    }

    /**
     * The public key decoded (its curve point decompressed) for {@link #verify(
     * org.bouncycastle.crypto.params.Ed25519PublicKeyParameters, byte[], byte[])}: decoding is
     * about a tenth of a verification, so a verifier that sees a key often keeps it decoded.
     */
    public static org.bouncycastle.crypto.params.Ed25519PublicKeyParameters decodePublicKey(byte[] publicKey) {
        return new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(publicKey, 0);
    }

    /** As {@link #verify(byte[], byte[], byte[])} with the public key already decoded. */
    public static boolean verify(org.bouncycastle.crypto.params.Ed25519PublicKeyParameters publicKey, byte[] message,
                                 byte[] signature) {
        if (signature == null || signature.length != 64 || message == null) {
            return false;
        }
        org.bouncycastle.crypto.signers.Ed25519Signer verifier = new org.bouncycastle.crypto.signers.Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** {@link #sign} as 128 lower-case hex digits, the form the API carries. */
    public String signHex(byte[] message) {
        return HEX.formatHex(sign(message));
    }

    @Override
    public String toString() {
        return "Ed25519Key[" + keyId() + "]";
    }
}
