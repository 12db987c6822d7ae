package io.hyperindex.bench.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.venue.hyperliquid.ActionCodec;
import io.hyperindex.gateway.venue.hyperliquid.ActionHash;
import io.hyperindex.gateway.venue.hyperliquid.AgentSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

import java.util.concurrent.TimeUnit;

/**
 * Signing one Hyperliquid order action as the venue adapter does (msgpack, action hash,
 * phantom agent, secp256k1), on one thread: the adapter's fast path (domain separator and type
 * hash computed once) against web3j's EIP-712 encoder doing the whole typed-data hash per
 * signature. Throughput = signatures per second per core; sample time gives the p50.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class SigningBenchmark {
    private static final String ORDER = "{\"type\":\"order\",\"orders\":[{\"a\":2,\"b\":false,\"p\":\"30.5\",\"s\":\"4\","
            + "\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x68797065726964780000000000000001\"}],\"grouping\":\"na\"}";
    private ECKeyPair key;
    private JsonNode action;
    private long nonce = 1_800_000_000_000L;

    @Setup
    public void setUp() throws Exception {
        key = ECKeyPair.create(Numeric.toBigInt("0x" + "11".repeat(32)));
        action = new ObjectMapper().readTree(ORDER);
    }

    @Benchmark
    public AgentSignature.Signature fastPath() {
        byte[] id = ActionHash.of(ActionCodec.pack(action), ++nonce, null, null);
        return AgentSignature.sign(key, id, true);
    }

    @Benchmark
    public Sign.SignatureData web3jReference() throws Exception {
        byte[] id = ActionHash.of(ActionCodec.pack(action), ++nonce, null, null);
        byte[] digest = new StructuredDataEncoder(AgentSignature.typedData(id, true)).hashStructuredData();
        return Sign.signMessage(digest, key, false);
    }
}
