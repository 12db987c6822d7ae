package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.journal.JournalCodec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32C;

/**
 * Child process of {@link KillNineRecoveryTest}: runs a real engine writing a journal with
 * fsync every batch and prints one line per acknowledged command, {@code ACK <sequence> <crc>},
 * where crc is the CRC32C of the command and events as journaled. It never stops by itself
 * before its bound; the test kills it with SIGKILL mid-stream.
 */
public final class KillNineDriver {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int max = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        Engine engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts())
                .withSnapshotEvery(5_000));
        out.println("READY " + engine.recovery().lastSequence());
        out.flush();
        JournalCodec codec = new JournalCodec();
        CRC32C crc = new CRC32C();
        Semaphore inFlight = new Semaphore(2_000);
        TestMarkets.Generator gen = new TestMarkets.Generator(42, TestMarkets.instruments(), TestMarkets.accounts().size());
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int i = 0; i < max && System.nanoTime() < deadline; i++) {
            Command c = gen.next();
            inFlight.acquire();
            engine.submit(c, r -> {
                crc.reset();
                crc.update(codec.encode(r.timestamp(), r.command(), r.events()));
                out.println("ACK " + r.sequence() + " " + crc.getValue());
                out.flush();
                inFlight.release();
            });
        }
        engine.close();
        out.println("DONE");
        out.flush();
    }
}
