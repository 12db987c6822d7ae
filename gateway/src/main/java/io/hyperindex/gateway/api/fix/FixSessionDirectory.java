package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.ops.config.GatewayConfig;
import quickfix.SessionID;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which FIX sessions may log on: every configured account's CompID pairs, each with the
 * account's engine id and its Ed25519 keys. A session's engine session id is derived from its
 * CompID pair, so orders a session placed before a gateway restart still belong to it.
 */
final class FixSessionDirectory {

    /**
     * A configured session: the account it trades for, and the keys that may sign its Logon by
     * key id (a trading session needs the trade scope, a drop copy read).
     */
    record Entry(String partnerCompId, String gatewayCompId, int account, String accountId,
                 Map<String, GatewayConfig.ApiKey> keys, long engineSession) {
    }

    private final Map<String, Entry> byPair = new HashMap<>();
    private final Map<Long, Entry> byEngineSession = new HashMap<>();

    FixSessionDirectory(List<GatewayConfig.Account> accounts) {
        for (int i = 0; i < accounts.size(); i++) {
            GatewayConfig.Account a = accounts.get(i);
            Map<String, GatewayConfig.ApiKey> keys = new HashMap<>();
            a.apiKeys().forEach(k -> keys.put(k.keyId(), k));
            for (GatewayConfig.FixSession s : a.fixSessions()) {
                Entry e = new Entry(s.senderCompId(), s.targetCompId(), i, a.id(), Map.copyOf(keys),
                        engineSessionOf(s.senderCompId(), s.targetCompId()));
                if (byPair.put(pairKey(s.senderCompId(), s.targetCompId()), e) != null) {
                    throw new IllegalArgumentException("FIX session " + s.senderCompId() + " -> " + s.targetCompId()
                            + " is configured twice");
                }
                byEngineSession.put(e.engineSession(), e);
            }
        }
    }

    /** The entry of an acceptor-side session id (its TargetCompID is the partner's SenderCompID), or null. */
    Entry lookup(SessionID acceptorSide) {
        return byPair.get(pairKey(acceptorSide.getTargetCompID(), acceptorSide.getSenderCompID()));
    }

    /** The entry whose engine session id is {@code engineSession}, or null (orders from other protocols). */
    Entry byEngineSession(long engineSession) {
        return byEngineSession.get(engineSession);
    }

    /** Every configured session. */
    java.util.Collection<Entry> entries() {
        return byPair.values();
    }

    /** The acceptor-side QuickFIX/J session id of an entry. */
    static SessionID sessionIdOf(Entry e) {
        return new SessionID("FIX.4.4", e.gatewayCompId(), e.partnerCompId());
    }

    private static String pairKey(String partner, String gateway) {
        return partner + '\u0001' + gateway;
    }

    /**
     * A stable engine session id for a CompID pair: the first 62 bits of SHA-256("fix:" + partner
     * + "->" + gateway), with bit 62 set so it is positive, non-zero, and apart from small ids.
     */
    static long engineSessionOf(String partnerCompId, String gatewayCompId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("fix:" + partnerCompId + "->" + gatewayCompId).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return (v & 0x3FFF_FFFF_FFFF_FFFFL) | 0x4000_0000_0000_0000L;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
