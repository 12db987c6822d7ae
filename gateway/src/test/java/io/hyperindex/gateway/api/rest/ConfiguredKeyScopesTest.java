package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys from the configuration file, over REST on a configured (not sandbox) gateway: an
 * operator key from {@code server.operatorKeys} administers and cannot trade; an account key
 * narrowed to {@code read} reads and cannot trade; an account key with the default scopes
 * trades and cannot administer.
 */
class ConfiguredKeyScopesTest {

    @Test
    void operatorKeysAdministerAndAccountKeysHaveTheirConfiguredScopes(@TempDir Path dir) throws Exception {
        SecureRandom random = new SecureRandom();
        Ed25519Key operator = Ed25519Key.generate(random);
        Ed25519Key reader = Ed25519Key.generate(random);
        Ed25519Key trader = Ed25519Key.generate(random);
        GatewayConfig base = SandboxDefaults.config();
        List<GatewayConfig.Account> accounts = new ArrayList<>();
        for (int i = 0; i < base.accounts().size(); i++) {
            GatewayConfig.Account a = base.accounts().get(i);
            List<GatewayConfig.ApiKey> keys = i == 0 ? List.of(new GatewayConfig.ApiKey(reader.keyId(), reader.publicKeyHex(), Set.of(Scope.READ)))
                    : i == 1 ? List.of(new GatewayConfig.ApiKey(trader.keyId(), trader.publicKeyHex()))
                    : a.apiKeys();
            accounts.add(new GatewayConfig.Account(a.id(), a.displayName(), a.fixSessions(), keys, a.hlAgentAddresses(),
                    a.hlSubAccount()));
        }
        GatewayConfig config = base.withAccounts(accounts)
                .withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0,
                        List.of(new GatewayConfig.ApiKey(operator.keyId(), operator.publicKeyHex(), Set.of(Scope.ADMIN)))));
        config = config.withMarketMaker(config.marketMaker().disabled());
        try (RestFixture f = new RestFixture(config)) {
            String order = RestFixture.hype("BUY", "29", "1", "scopes-1");

            RestFixture.Reply accounts1 = f.get(operator, "/api/v1/admin/accounts").assertOk();
            assertTrue(accounts1.json().toString().contains(base.accounts().get(0).id()), accounts1.json().toString());
            f.post(operator, "/api/v1/orders", order).assertError(403, "NOT_PERMITTED");

            f.get(reader, "/api/v1/account/balances").assertOk();
            String why = f.post(reader, "/api/v1/orders", order).assertError(403, "NOT_PERMITTED");
            assertTrue(why.contains("trade"), why);

            RestFixture.Reply placed = f.post(trader, "/api/v1/orders", order).assertOk();
            assertEquals("scopes-1", placed.json().path("clientOrderId").asText(), placed.json().toString());
            f.get(trader, "/api/v1/admin/accounts").assertError(403, "NOT_PERMITTED");
        }
    }
}
