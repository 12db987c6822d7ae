package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.mm.sim.AvellanedaStoikovSim;
import io.hyperindex.gateway.mm.sim.EngineFlowSim;
import io.hyperindex.gateway.ops.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulators are reproducible with a seed and show the pattern the papers report. */
class SimulatorTest {
    private static final double[] GAMMAS = {0.1, 0.01, 1};

    @Test
    void avellanedaStoikovIsReproducibleAndTheInventoryStrategyHasTheLowerDispersion() {
        var market = AvellanedaStoikovSim.Market.paper(1_000, 42);
        List<AvellanedaStoikovSim.Row> rows = AvellanedaStoikovSim.run(market, AvellanedaStoikovSim.Family.AVELLANEDA_STOIKOV, GAMMAS, 0);
        assertEquals(rows, AvellanedaStoikovSim.run(market, AvellanedaStoikovSim.Family.AVELLANEDA_STOIKOV, GAMMAS, 0));
        assertNotEquals(rows, AvellanedaStoikovSim.run(AvellanedaStoikovSim.Market.paper(1_000, 43),
                AvellanedaStoikovSim.Family.AVELLANEDA_STOIKOV, GAMMAS, 0));
        for (int i = 0; i < rows.size(); i += 2) {
            var inventory = rows.get(i);
            var symmetric = rows.get(i + 1);
            assertEquals(inventory.averageSpread(), symmetric.averageSpread(), 1e-9, "same average spread");
            assertTrue(inventory.profitStd() < symmetric.profitStd(), "profit std at gamma " + inventory.gamma());
            assertTrue(inventory.finalInventoryStd() < symmetric.finalInventoryStd(), "q std at gamma " + inventory.gamma());
            assertTrue(inventory.profitMean() <= symmetric.profitMean() + 1, "inventory control costs some mean profit");
        }
        // gamma 0.1, the paper's headline case: spread (2/0.1) ln(1 + 0.1/1.5) + 0.1 x 4 x 0.5 = 1.49
        assertEquals(1.49, rows.get(0).averageSpread(), 0.005);
        // the larger gamma, the tighter the inventory
        assertTrue(rows.get(4).finalInventoryStd() < rows.get(0).finalInventoryStd());
        assertTrue(rows.get(0).finalInventoryStd() < rows.get(2).finalInventoryStd());
    }

    @Test
    void glftWithABoundKeepsInventoryInsideTheBound() {
        var rows = AvellanedaStoikovSim.run(AvellanedaStoikovSim.Market.paper(500, 7), AvellanedaStoikovSim.Family.GLFT,
                GAMMAS, 5);
        for (int i = 0; i < rows.size(); i += 2) {
            assertTrue(rows.get(i).finalInventoryStd() <= 5, rows.get(i).toString());
            assertTrue(rows.get(i).profitStd() < rows.get(i + 1).profitStd(), rows.get(i).toString());
        }
    }

    @Test
    void theEngineSimulationIsReproducibleWithASeed() throws Exception {
        var settings = new EngineFlowSim.Settings(120, 5, 4, 4, 0.2, 10, 1.5, 400, Map.of());
        EngineFlowSim.Report a = EngineFlowSim.run(settings);
        EngineFlowSim.Report b = EngineFlowSim.run(settings);
        assertEquals(a, b);
        assertTrue(a.fills() > 0 && a.uptime() > 0.9, a.format());
        assertTrue(a.twoSidedSpreadBps() >= 8, "the minimum spread holds: " + a.twoSidedSpreadBps());
    }

    @Test
    void theCommandLineToolsPrintTheirTables() {
        StringWriter out = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).execute("glft", "--A", "140", "--k", "1.5", "--sigma",
                "2", "--gamma", "0.1", "--fair", "100", "--tick", "0.01");
        assertEquals(0, code);
        assertTrue(out.toString().contains("c1           0.6453852114"), out.toString());
        assertTrue(out.toString().contains("bid          99.32"), out.toString()); // 100 - 0.67124 floored to the tick
        assertTrue(out.toString().contains("ask          100.68"), out.toString());

        StringWriter bad = new StringWriter();
        int refused = Main.commandLine().setOut(new PrintWriter(bad)).setErr(new PrintWriter(bad))
                .execute("glft", "--A", "0", "--k", "1.5", "--sigma", "2", "--gamma", "0.1");
        assertEquals(Main.EXIT_USAGE, refused);

        StringWriter sim = new StringWriter();
        assertEquals(0, Main.commandLine().setOut(new PrintWriter(sim)).execute("mm-sim", "as", "--paths", "50"));
        assertTrue(sim.toString().contains("inventory") && sim.toString().contains("symmetric"), sim.toString());
    }
}
