package io.hyperindex.bench.mm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market-maker benchmarks measure what docs/benchmarks.md says: a full ladder, amends that all succeed. */
class MmBenchmarksTest {

    @Test
    void theQuoteBenchmarkPlansAFullTwoSidedLadder() {
        QuoteBenchmark b = new QuoteBenchmark();
        b.market();
        for (int i = 0; i < 2_000; i++) {
            assertTrue(b.quotePerMarketUpdate() > 0);
        }
    }

    @Test
    void theRequoteBenchmarkAmendsEveryLevelWithoutARejection() throws Exception {
        LadderRequoteBenchmark b = new LadderRequoteBenchmark();
        b.fsync = "none";
        b.engineWithALadder();
        try {
            for (int i = 0; i < 4; i++) {
                assertEquals(0, b.requoteFiveLevelsASide()); // throws if any of the ten amends is rejected
            }
        } finally {
            b.stop();
        }
    }
}
