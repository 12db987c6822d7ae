package io.hyperindex.bench;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.MatchingEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark workload is what docs/benchmarks.md says it is, and replays to the same outcome. */
class WorkloadTest {

    @Test
    void mixMatchesExchangeCoresPublishedShares() {
        Workload w = Workload.generate(7, 1, 100, 1_000, 200_000);
        Workload.Stats s = w.stats();
        System.out.println("book workload: " + s);
        assertEquals(9.0, s.share(s.gtc()), 0.5, "GTC share");
        assertEquals(3.0, s.share(s.ioc()), 0.3, "IOC share");
        assertEquals(6.0, s.share(s.cancels()), 0.4, "cancel share");
        assertEquals(82.0, s.share(s.amends()), 0.8, "amend share");
        assertEquals(0, s.rejected(), "every generated command is valid");
        assertTrue(s.share(s.commandsThatTraded()) > 4 && s.share(s.commandsThatTraded()) < 8,
                "about 6% of commands trade: " + s.share(s.commandsThatTraded()));
        assertTrue(s.meanRestingOrders() > 800 && s.meanRestingOrders() < 1_300, "about 1,000 resting orders");
        assertTrue(s.meanLevels() > 600 && s.meanLevels() < 900, "about 750 levels");
    }

    @Test
    void replayOnAFreshEngineReproducesTheShadowsOutcome() {
        Workload w = Workload.generate(11, 4, 50, 500, 50_000);
        MatchingEngine core = w.freshCore();
        ArrayList<EngineEvent> events = new ArrayList<>();
        int i = 0;
        long trades = 0;
        int rejected = 0;
        for (List<Command> part : List.of(w.prefix(), w.mix())) {
            for (Command c : part) {
                events.clear();
                core.apply(Workload.timestamp(i), c, events);
                for (EngineEvent e : events) {
                    if (e instanceof EngineEvent.OrderAccepted a) {
                        assertEquals(w.placedOrderId(i), a.orderId(), "order id of command " + i);
                    } else if (e instanceof EngineEvent.TradeExecuted) {
                        if (i >= w.prefix().size()) {
                            trades++;
                        }
                    } else if (e instanceof EngineEvent.OrderRejected) {
                        rejected++;
                    }
                }
                i++;
            }
        }
        assertEquals(0, rejected);
        assertEquals(w.stats().trades(), trades);
    }
}
