package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.ops.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code generate-config}: prints the complete, commented configuration the sandbox runs on. */
@Command(name = "generate-config", mixinStandardHelpOptions = true,
        description = "Print a complete, commented configuration (the sandbox defaults) to standard output.")
final class GenerateConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigLoader.defaultConfigText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
