package io.hyperindex.gateway.auth;

import java.util.Set;

/** Who sent an authenticated request: the account and the key that signed it, with its scopes. */
public record Caller(String account, String keyId, Set<Scope> scopes) {

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
