package io.hyperindex.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account's API keys, by key id. Thread-safe: protocol threads look keys up while an
 * operator adds or revokes them. A revoked key stays listed (so it answers KEY_REVOKED, not
 * UNKNOWN_KEY) and can never be re-activated; a new key is registered instead.
 *
 * <p>Keys from the configuration are registered at start-up. Once a change log is attached
 * ({@link #attachLog}), every later registration and revocation (an operator's, over any
 * protocol) is appended to it and forced to the device before the call returns, and the log
 * is replayed over the configured keys at the next start: an added key stays added and a
 * revoked key stays revoked across restarts, including a revoked key that the configuration
 * still lists. The log holds public keys only.
 */
public final class KeyRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConcurrentHashMap<String, AccountKey> keys = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<AccountKey>> revocationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private FileChannel log;

    /**
     * Calls {@code listener} with each key revoked from now on (after the revocation is in
     * force), on the revoking thread: for adapters that keep sessions authenticated by a key,
     * such as WebSocket connections, so that they end them. It must not block.
     */
    public void onRevocation(java.util.function.Consumer<AccountKey> listener) {
        revocationListeners.add(listener);
    }

    /**
     * Replays the change log at {@code file} (created if missing) over the keys registered so
     * far, then records every later change in it. A last line cut short by a crash was never
     * acknowledged and is dropped.
     *
     * @return the number of changes replayed
     */
    public synchronized int attachLog(Path file) throws IOException {
        if (log != null) {
            throw new IllegalStateException("a key change log is already attached");
        }
        int replayed = 0;
        if (Files.exists(file)) {
            byte[] all = Files.readAllBytes(file);
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--; // torn tail
            }
            for (String line : new String(all, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    apply(JSON.readTree(line));
                    replayed++;
                }
            }
            if (end < all.length) {
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(end);
                }
            }
        }
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return replayed;
    }

    private void apply(JsonNode change) {
        String op = change.path("op").asText();
        String account = change.path("account").asText();
        if (op.equals("add")) {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            change.path("scopes").forEach(s -> scopes.add(Scope.valueOf(s.asText())));
            AccountKey k = AccountKey.of(account, change.path("publicKey").asText(), scopes);
            AccountKey old = keys.get(k.keyId());
            if (old == null || !old.revoked()) {
                keys.put(k.keyId(), k);
            }
        } else if (op.equals("revoke")) {
            keys.computeIfPresent(change.path("keyId").asText(), (id, k) -> k.account().equals(account) ? k.revoke() : k);
        } else {
            throw new IllegalStateException("unknown key change " + change);
        }
    }

    private void record(ObjectNode change) {
        if (log == null) {
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap((change.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                log.write(b);
            }
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the key change", e);
        }
    }

    /** Closes the change log (changes after this are not recorded). */
    public synchronized void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing was pending: every change was forced when it was made
            }
            log = null;
        }
    }

    /**
     * Registers a key. Registering the same key for the same account again only widens nothing:
     * it is refused if the id is already taken by another account or by a revoked key.
     */
    public synchronized void register(AccountKey key) {
        AccountKey old = keys.get(key.keyId());
        if (old != null && (old.revoked() || !old.account().equals(key.account()))) {
            throw new IllegalArgumentException("key " + key.keyId() + " is already registered"
                    + (old.revoked() ? " and revoked" : " for another account"));
        }
        if (key.equals(old)) {
            return;
        }
        ObjectNode change = JSON.createObjectNode().put("op", "add").put("account", key.account())
                .put("keyId", key.keyId()).put("publicKey", HexFormat.of().formatHex(key.publicKey()));
        EnumSet.copyOf(key.scopes()).forEach(sc -> change.withArray("scopes").add(sc.name()));
        record(change); // durable first: an acknowledged key survives a restart
        keys.put(key.keyId(), key);
    }

    /** The key with this id (active or revoked), or null. */
    public AccountKey find(String keyId) {
        return keyId == null ? null : keys.get(keyId);
    }

    /**
     * Revokes a key of {@code account}: from now on it authenticates nothing.
     *
     * @return true if the key was active and belonged to the account
     */
    public synchronized boolean revoke(String account, String keyId) {
        AccountKey k = keys.get(keyId);
        if (k == null || k.revoked() || !k.account().equals(account)) {
            return false;
        }
        AccountKey revoked = k.revoke();
        keys.put(keyId, revoked); // in force at once, even if recording it fails
        try {
            record(JSON.createObjectNode().put("op", "revoke").put("account", account).put("keyId", keyId));
        } finally {
            for (java.util.function.Consumer<AccountKey> l : revocationListeners) {
                l.accept(revoked);
            }
        }
        return true;
    }

    /** The keys of one account (active and revoked), by key id. */
    public List<AccountKey> keysOf(String account) {
        List<AccountKey> out = new ArrayList<>();
        for (AccountKey k : keys.values()) {
            if (k.account().equals(account)) {
                out.add(k);
            }
        }
        out.sort(Comparator.comparing(AccountKey::keyId));
        return out;
    }
}
