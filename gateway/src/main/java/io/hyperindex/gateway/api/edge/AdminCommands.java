package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.auth.AccountKey;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.ReasonCode;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The venue operators' requests (ADMIN scope) at the API edge: kill switches and API keys. */
public final class AdminCommands {
    private AdminCommands() {
    }

    /** An API key as the Admin APIs show it; scopes in lower case ("read", "trade", "admin"). */
    public record KeyInfo(String keyId, String account, String publicKeyHex, List<String> scopes, boolean revoked) {

        public static KeyInfo of(AccountKey k) {
            return new KeyInfo(k.keyId(), k.account(), HexFormat.of().formatHex(k.publicKey()),
                    EnumSet.copyOf(k.scopes()).stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList(), k.revoked());
        }
    }

    /** An account and all its keys (active and revoked). */
    public record AccountInfo(String account, List<KeyInfo> keys) {
    }

    /** The "admin:&lt;key id&gt;" actor an operator's command is journaled with. */
    public static String actor(String keyId) {
        return "admin:" + keyId;
    }

    /**
     * A kill switch: {@code target} is an account id (ACCOUNT) or a symbol (INSTRUMENT), ignored
     * for GLOBAL; {@code flatten} applies to ACCOUNT only.
     */
    public static Command.KillSwitch killSwitch(Markets markets, Command.KillScope scope, String target, boolean on,
                                                boolean flatten, String actor) {
        if (scope == null) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "scope must be ACCOUNT, INSTRUMENT or GLOBAL");
        }
        String t = target == null ? "" : target;
        return switch (scope) {
            case ACCOUNT -> new Command.KillSwitch(Command.KillScope.ACCOUNT, markets.accountId(t), on, flatten, actor);
            case INSTRUMENT -> new Command.KillSwitch(Command.KillScope.INSTRUMENT, markets.instrument(t).id(), on, false, actor);
            case GLOBAL -> new Command.KillSwitch(Command.KillScope.GLOBAL, -1, on, false, actor);
        };
    }

    /** Registers a new key for an account; INVALID_REQUEST for a malformed key or scope, UNKNOWN_ACCOUNT. */
    public static KeyInfo addKey(KeyRegistry keys, Markets markets, String account, String publicKeyHex, List<String> scopes) {
        markets.accountId(account == null ? "" : account);
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String s : scopes == null ? List.<String>of() : scopes) {
            try {
                granted.add(Scope.valueOf(String.valueOf(s).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "scopes are read, trade and admin");
            }
        }
        try {
            AccountKey key = AccountKey.of(account, publicKeyHex, granted);
            keys.register(key);
            return KeyInfo.of(key);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
        }
    }

    /** Revokes a key of an account (revoking a revoked key again is harmless); UNKNOWN_KEY if the account has no such key. */
    public static KeyInfo revokeKey(KeyRegistry keys, String account, String keyId) {
        AccountKey k = keys.find(keyId);
        if (k == null || !k.account().equals(account)) {
            throw new RequestRejected(ReasonCode.UNKNOWN_KEY, "account " + Markets.shortened(String.valueOf(account))
                    + " has no key " + Markets.shortened(String.valueOf(keyId)));
        }
        keys.revoke(account, keyId);
        return KeyInfo.of(keys.find(keyId));
    }

    /** Every account in engine order with its keys. */
    public static List<AccountInfo> accounts(KeyRegistry keys, Markets markets) {
        return markets.accounts().stream()
                .map(a -> new AccountInfo(a, keys.keysOf(a).stream().map(KeyInfo::of).toList())).toList();
    }
}
