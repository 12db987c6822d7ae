package io.hyperindex.gateway.mm.cli;

import io.hyperindex.gateway.mm.sim.AvellanedaStoikovSim;
import io.hyperindex.gateway.mm.sim.EngineFlowSim;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mm-sim}: the market-making experiments of docs/market-maker.md, seeded and reproducible. */
@Command(name = "mm-sim", mixinStandardHelpOptions = true,
        description = {"Market-making simulator.",
                "  as      the Avellaneda–Stoikov (2008) experiment: inventory vs symmetric strategy",
                "  glft    GLFT with an inventory bound on the same market, against the symmetric strategy",
                "  engine  the market maker in the real engine against synthetic Poisson taker flow"})
public final class MmSimCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "as | glft | engine")
    String experiment;
    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--paths", defaultValue = "1000", description = "as/glft: paths (default ${DEFAULT-VALUE})")
    int paths;
    @Option(names = "--gammas", defaultValue = "0.1,0.01,1", split = ",", description = "as/glft: gamma values (default ${DEFAULT-VALUE})")
    double[] gammas;
    @Option(names = "--bound", defaultValue = "10", description = "glft: inventory bound Q (default ${DEFAULT-VALUE})")
    int bound;
    @Option(names = "--seconds", defaultValue = "1800", description = "engine: simulated seconds (default ${DEFAULT-VALUE})")
    double seconds;
    @Option(names = "--takers-per-second", defaultValue = "4", description = "engine: Poisson taker rate (default ${DEFAULT-VALUE})")
    double takersPerSecond;
    @Option(names = "--mean-depth-bps", defaultValue = "4", description = "engine: mean taker depth, bp (default ${DEFAULT-VALUE})")
    double meanDepthBps;
    @Option(names = "--informed", defaultValue = "0.2", description = "engine: informed fraction of takers (default ${DEFAULT-VALUE})")
    double informed;
    @Option(names = "--informed-horizon", defaultValue = "10", description = "engine: how far ahead informed takers see, s (default ${DEFAULT-VALUE})")
    double horizon;
    @Option(names = "--sigma-bps", defaultValue = "1.5", description = "engine: fundamental volatility, bp per sqrt(s) (default ${DEFAULT-VALUE})")
    double sigmaBps;
    @Option(names = "--mean-taker-usd", defaultValue = "400", description = "engine: mean taker order, USDC (default ${DEFAULT-VALUE})")
    double meanTakerUsd;
    @Option(names = "--param", description = "engine: a market-maker knob, name=value (repeatable)")
    Map<String, String> knobs = Map.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        switch (experiment) {
            case "as", "glft" -> {
                if (paths < 2 || gammas.length == 0 || Arrays.stream(gammas).anyMatch(g -> !(g > 0)) || bound < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--paths must be at least 2, every gamma positive, --bound at least 1");
                }
                var family = experiment.equals("as") ? AvellanedaStoikovSim.Family.AVELLANEDA_STOIKOV
                        : AvellanedaStoikovSim.Family.GLFT;
                var market = AvellanedaStoikovSim.Market.paper(paths, seed);
                out.printf("%s: s0=100 T=1 sigma=2 dt=0.005 A=140 k=1.5 q0=0, %d paths, seed %d%n", experiment, paths, seed);
                out.print(AvellanedaStoikovSim.format(AvellanedaStoikovSim.run(market, family, gammas, bound)));
            }
            case "engine" -> {
                var settings = new EngineFlowSim.Settings(seconds, seed, takersPerSecond, meanDepthBps, informed, horizon,
                        sigmaBps, meanTakerUsd, knobs);
                out.printf("engine: %.0f s simulated, %.2f takers/s, mean depth %.2f bp, informed %.0f%% (%.0f s ahead),"
                                + " sigma %.2f bp/sqrt(s), mean taker %.0f USDC, seed %d%n", seconds, takersPerSecond,
                        meanDepthBps, informed * 100, horizon, sigmaBps, meanTakerUsd, seed);
                try {
                    out.print(EngineFlowSim.run(settings).format());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "experiment must be as, glft or engine");
        }
        out.flush();
        return 0;
    }
}
