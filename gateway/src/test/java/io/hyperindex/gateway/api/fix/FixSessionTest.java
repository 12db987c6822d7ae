package io.hyperindex.gateway.api.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FixSessionTest {

    @Test
    void signedLogonSucceedsAndBadSignatureGetsLogoutWithReason(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient good = gw.trader("mm-alpha");
            assertTrue(good.session().isLoggedOn());

            FixTestClient bad = gw.client("mm-bravo", "");
            bad.corruptSignature = true;
            bad.start();
            String text = bad.awaitLogout();
            assertTrue(text.contains("signature does not verify"), text);
            assertTrue(!bad.session().isLoggedOn());
        }
    }
}
