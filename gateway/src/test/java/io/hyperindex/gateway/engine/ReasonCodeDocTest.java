package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.ReasonCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/reason-codes.md is what partners code against: it must list every code with its number. */
class ReasonCodeDocTest {

    @Test
    void everyReasonCodeIsDocumentedWithItsStableNumber() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "reason-codes.md"));
        long rows = doc.lines().filter(l -> l.matches("\\| \\d+ \\| `[A-Z_]+` \\|.*")).count();
        assertEquals(ReasonCode.values().length, rows, "one table row per code");
        for (ReasonCode c : ReasonCode.values()) {
            assertTrue(doc.contains("| " + c.number() + " | `" + c.name() + "` |"), c + " is documented as number " + c.number());
            assertEquals(c, ReasonCode.ofNumber(c.number()));
        }
    }
}
