package io.hyperindex.gateway.api.fix;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FixLoadToolTest {

    /** With either client: the raw one (which fails the run on any session-level or business reject) and QuickFIX/J. */
    @ParameterizedTest
    @ValueSource(strings = {"raw", "qfj"})
    void everyOrderOfAShortOpenLoopRunIsAcknowledgedByBothTargets(String client, @TempDir Path dir) throws Exception {
        FixLoadTool.Result bare = FixLoadTool.runBare(dir.resolve("bare"), 4, 500, 1, 1, true, client);
        FixLoadTool.Result gateway = FixLoadTool.runGateway(dir.resolve("gateway"), 4, 500, 1, 1,
                io.hyperindex.gateway.journal.FsyncPolicy.EVERY_BATCH, client);
        System.out.println(bare);
        System.out.println(gateway);
        assertEquals(1_000, bare.sent());
        assertEquals(bare.sent(), bare.acked(), "bare acceptor: none lost");
        assertEquals(gateway.sent(), gateway.acked(), "gateway: none lost");
        assertTrue(gateway.p50() > 0 && gateway.p99() >= gateway.p50());
    }
}
