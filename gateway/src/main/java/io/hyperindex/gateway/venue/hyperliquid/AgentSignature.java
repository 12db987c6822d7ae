package io.hyperindex.gateway.venue.hyperliquid;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;

/**
 * Hyperliquid's L1 action signature: the action hash (the "connection id") is wrapped in a
 * phantom agent {@code Agent(string source, bytes32 connectionId)} with source "a" on mainnet
 * and "b" on testnet, hashed as EIP-712 typed data under the domain
 * {@code Exchange / 1 / chainId 1337 / verifyingContract 0x0}, and signed with secp256k1
 * (v = 27 or 28).
 *
 * <p>The domain separator and type hash come from web3j's EIP-712 encoder once; per signature
 * only the struct hash and digest are taken (three Keccak-256), and a test holds this fast path
 * equal to the encoder's own result.
 */
public final class AgentSignature {
    /** The typed data Hyperliquid signs, with the connection id and source left to fill in. */
    static final String TYPED_DATA_TEMPLATE = """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},\
            {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],\
            "Agent":[{"name":"source","type":"string"},{"name":"connectionId","type":"bytes32"}]},\
            "primaryType":"Agent",\
            "domain":{"name":"Exchange","version":"1","chainId":1337,\
            "verifyingContract":"0x0000000000000000000000000000000000000000"},\
            "message":{"source":"%s","connectionId":"%s"}}""";

    private static final byte[] DOMAIN_SEPARATOR;
    private static final byte[] AGENT_TYPE_HASH = Hash.sha3("Agent(string source,bytes32 connectionId)"
            .getBytes(StandardCharsets.UTF_8));
    private static final byte[] SOURCE_MAINNET = Hash.sha3("a".getBytes(StandardCharsets.UTF_8));
    private static final byte[] SOURCE_TESTNET = Hash.sha3("b".getBytes(StandardCharsets.UTF_8));

    static {
        try {
            DOMAIN_SEPARATOR = new StructuredDataEncoder(typedData(new byte[32], false)).hashDomain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signature as Hyperliquid carries it: r and s as unsigned integers, v = 27 or 28. */
    public record Signature(BigInteger r, BigInteger s, int v) {
        /** {@code r} as the SDKs print it: "0x" and hex digits without leading zeros. */
        public String rHex() {
            return Numeric.toHexStringWithPrefix(r);
        }

        public String sHex() {
            return Numeric.toHexStringWithPrefix(s);
        }

        /** r ‖ s ‖ v as 65 bytes in hex (the Rust SDK's form). */
        public String rsvHex() {
            return Numeric.toHexStringNoPrefixZeroPadded(r, 64) + Numeric.toHexStringNoPrefixZeroPadded(s, 64)
                    + String.format("%02x", v);
        }
    }

    private AgentSignature() {
    }

    /** The EIP-712 typed data of the phantom agent, as JSON (what a wallet would be shown). */
    public static String typedData(byte[] connectionId, boolean testnet) {
        return String.format(TYPED_DATA_TEMPLATE, testnet ? "b" : "a", Numeric.toHexString(connectionId));
    }

    /** The 32-byte EIP-712 digest that is signed for {@code connectionId}. */
    public static byte[] digest(byte[] connectionId, boolean testnet) {
        if (connectionId.length != 32) {
            throw new IllegalArgumentException("a connection id is 32 bytes");
        }
        ByteBuffer struct = ByteBuffer.allocate(96).put(AGENT_TYPE_HASH).put(testnet ? SOURCE_TESTNET : SOURCE_MAINNET)
                .put(connectionId);
        byte[] structHash = Hash.sha3(struct.array());
        ByteBuffer d = ByteBuffer.allocate(66).put((byte) 0x19).put((byte) 0x01).put(DOMAIN_SEPARATOR).put(structHash);
        return Hash.sha3(d.array());
    }

    /** Signs the phantom agent of {@code connectionId} with {@code key}. */
    public static Signature sign(ECKeyPair key, byte[] connectionId, boolean testnet) {
        Sign.SignatureData sd = Sign.signMessage(digest(connectionId, testnet), key, false);
        return new Signature(new BigInteger(1, sd.getR()), new BigInteger(1, sd.getS()), sd.getV()[0] & 0xff);
    }

    /**
     * The address ("0x" + 40 lower-case hex) whose key made {@code signature} over the phantom
     * agent of {@code connectionId}.
     *
     * @throws SignatureException if the signature is malformed (v not 27/28, r or s out of range)
     */
    public static String recover(byte[] connectionId, Signature signature, boolean testnet) throws SignatureException {
        if (signature.v() != 27 && signature.v() != 28) {
            throw new SignatureException("v must be 27 or 28");
        }
        BigInteger n = Sign.CURVE_PARAMS.getN();
        if (signature.r().signum() <= 0 || signature.r().compareTo(n) >= 0 || signature.s().signum() <= 0
                || signature.s().compareTo(n) >= 0) {
            throw new SignatureException("r and s must lie between 1 and the curve order");
        }
        Sign.SignatureData sd = new Sign.SignatureData((byte) signature.v(),
                Numeric.toBytesPadded(signature.r(), 32), Numeric.toBytesPadded(signature.s(), 32));
        BigInteger publicKey = Sign.signedMessageHashToKey(digest(connectionId, testnet), sd);
        return "0x" + Keys.getAddress(publicKey);
    }
}
