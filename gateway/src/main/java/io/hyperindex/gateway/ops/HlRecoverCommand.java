package io.hyperindex.gateway.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.venue.hyperliquid.ExchangeRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SignatureException;
import java.util.concurrent.Callable;

/** {@code hl-recover}: prints the address that signed a Hyperliquid {@code /exchange} request body. */
@Command(name = "hl-recover", mixinStandardHelpOptions = true,
        description = "Print the signer address of a Hyperliquid /exchange request body.")
final class HlRecoverCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--request", required = true, paramLabel = "FILE", description = "the JSON request body")
    Path request;
    @Option(names = "--testnet", description = "the request was signed for testnet")
    boolean testnet;

    @Override
    public Integer call() {
        try {
            String address = ExchangeRequest.signer(new ObjectMapper().readTree(request.toFile()), testnet);
            spec.commandLine().getOut().println(address);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | IllegalArgumentException | SignatureException e) {
            spec.commandLine().getErr().println("hl-recover: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }
}
