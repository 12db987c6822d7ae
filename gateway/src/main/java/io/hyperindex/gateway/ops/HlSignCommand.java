package io.hyperindex.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.auth.HlAgentKey;
import io.hyperindex.gateway.venue.hyperliquid.ExchangeRequest;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code hl-sign}: signs a Hyperliquid action the way Hyperliquid's SDKs do and prints the
 * request body to POST to {@code /exchange}, for partners debugging an integration.
 */
@Command(name = "hl-sign", mixinStandardHelpOptions = true,
        description = "Sign a Hyperliquid action; print the /exchange request body.")
final class HlSignCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--key-file", required = true, paramLabel = "FILE",
            description = "a file holding the agent private key (0x + 64 hex digits), or a sandbox demo-accounts.json with --account")
    Path keyFile;
    @Option(names = "--account", description = "the account whose hlAgentPrivateKey to use from a demo-accounts.json")
    String account;
    @Option(names = "--action", required = true, paramLabel = "JSON", description = "the action, e.g. {\"type\":\"scheduleCancel\"}")
    String action;
    @Option(names = "--nonce", required = true, description = "the nonce (milliseconds since the epoch, by convention)")
    long nonce;
    @Option(names = "--vault", paramLabel = "ADDR", description = "vault or sub-account address to trade for")
    String vault;
    @Option(names = "--expires-after", paramLabel = "MS", description = "reject the action after this time (epoch ms)")
    Long expiresAfter;
    @Option(names = "--testnet", description = "sign for testnet (phantom agent source \"b\")")
    boolean testnet;

    @Override
    public Integer call() {
        try {
            ECKeyPair key = readKey(keyFile, account);
            JsonNode a = JSON.readTree(action);
            var body = ExchangeRequest.sign(key, a, nonce, vault, expiresAfter, testnet);
            spec.commandLine().getOut().println(JSON.writeValueAsString(body));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("hl-sign: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    /** The key from a plain key file, or an account's agent key from a demo-accounts.json. */
    static ECKeyPair readKey(Path file, String account) throws IOException {
        String text = Files.readString(file).trim();
        String hex;
        if (text.startsWith("{") || text.startsWith("[")) {
            if (account == null) {
                throw new IllegalArgumentException(file + " is JSON: name the account with --account");
            }
            hex = null;
            JsonNode root = JSON.readTree(text);
            for (JsonNode a : root.isArray() ? root : root.path("accounts")) {
                if (account.equals(a.path("account").asText())) {
                    hex = a.path("hlAgentPrivateKey").asText(null);
                }
            }
            if (hex == null) {
                throw new IllegalArgumentException("no account " + account + " with an hlAgentPrivateKey in " + file);
            }
        } else {
            hex = text;
        }
        HlAgentKey k = HlAgentKey.fromPrivateKeyHex(hex);
        return ECKeyPair.create(Numeric.toBigInt(k.privateKeyHex()));
    }
}
