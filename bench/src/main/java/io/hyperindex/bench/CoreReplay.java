package io.hyperindex.bench;

import io.hyperindex.gateway.domain.CircuitBreakerRule;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.fees.FeePolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a {@link Workload} on a fresh {@link MatchingEngine} core with the given checks:
 * {@link #prepare} builds the engine, configures the checks and fills the books; {@link #mix}
 * applies the measured commands and fails if any was refused (the checks must not change the
 * workload's outcome, or the comparison measures different work).
 */
final class CoreReplay {
    private final Workload workload;
    private final RiskSetup.Checks checks;
    private final ArrayList<EngineEvent> events = new ArrayList<>();
    private MatchingEngine core;
    private long rejected;
    private EngineEvent firstRejection;

    CoreReplay(Workload workload, RiskSetup.Checks checks) {
        this.workload = workload;
        this.checks = checks;
    }

    void prepare() {
        core = new MatchingEngine(workload.instruments(), workload.accounts(), FeePolicy.venueDefault(),
                checks == RiskSetup.Checks.ALL ? CircuitBreakerRule.venueDefaults() : List.of());
        List<Command> setup = new ArrayList<>(RiskSetup.mmpGroups(workload, checks));
        if (checks == RiskSetup.Checks.ALL) {
            for (int a = 0; a < workload.accounts().size(); a++) {
                setup.add(new Command.SetRiskLimits(a, RiskSetup.highLimits(workload.instruments().size()), "bench"));
            }
        }
        for (Command c : setup) {
            events.clear();
            core.apply(Workload.START_NANOS - 1, c, events);
            if (events.get(0) instanceof EngineEvent.OrderRejected r) {
                throw new IllegalStateException("setup command refused: " + r);
            }
        }
        rejected = 0;
        run(workload.prefix(), 0);
    }

    /** Applies the measured commands; returns the number of events (a value the JIT must compute). */
    int mix() {
        int n = run(workload.mix(), workload.prefix().size());
        if (rejected > 0) {
            throw new IllegalStateException(rejected + " commands rejected: the checks changed the workload's outcome; "
                    + "the first: " + firstRejection);
        }
        return n;
    }

    private int run(List<Command> commands, int firstIndex) {
        int n = 0;
        int i = firstIndex;
        for (Command c : commands) {
            events.clear();
            core.apply(Workload.timestamp(i++), c, events);
            n += events.size();
            if (events.get(0) instanceof EngineEvent.OrderRejected && rejected++ == 0) {
                firstRejection = events.get(0);
            }
        }
        return n;
    }
}
