package io.hyperindex.gateway.api.fix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The FIX sessions logged on right now, with what each chose at Logon; written by the
 * QuickFIX/J threads at logon and logout, read by the report lanes and the market-data thread.
 */
final class LiveSessions {
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    /** What cancel-on-disconnect does for a session (tag 9001). */
    enum CancelOnDisconnect { OFF, ON_SOCKET_LOSS, ON_SOCKET_LOSS_AND_LOGOUT }

    /** A logged-on session: its configuration entry, role and cancel-on-disconnect choice. */
    record LiveSession(SessionID id, FixSessionDirectory.Entry entry, boolean dropCopy, CancelOnDisconnect cod,
                       boolean codAccountScope) {
    }

    private final ConcurrentHashMap<SessionID, LiveSession> live = new ConcurrentHashMap<>();

    /** Sessions logged on now. */
    int size() {
        return live.size();
    }

    void put(LiveSession s) {
        live.put(s.id(), s);
    }

    LiveSession remove(SessionID id) {
        return live.remove(id);
    }

    LiveSession get(SessionID id) {
        return live.get(id);
    }

    /** The drop-copy sessions of an account logged on now. */
    List<SessionID> dropCopiesOf(int account) {
        List<SessionID> out = new ArrayList<>(2);
        for (LiveSession s : live.values()) {
            if (s.dropCopy() && s.entry().account() == account) {
                out.add(s.id());
            }
        }
        return out;
    }

    /**
     * Sends an application message on a session. A session not logged on stores it (QuickFIX/J
     * persists it under the next sequence number, so a partner gets it by ResendRequest after
     * reconnecting); a session that does not exist yet loses it, which is logged.
     */
    static void send(SessionID id, Message m) {
        if (SENDERS == null) {
            sendNow(id, m);
            return;
        }
        SENDERS[Math.floorMod(id.hashCode(), SENDERS.length)].execute(() -> sendNow(id, m));
    }

    /** As {@link #send}, on the calling thread. */
    static void sendNow(SessionID id, Message m) {
        try {
            Session.sendToTarget(m, id);
        } catch (SessionNotFound e) {
            log.debug("no FIX session {} yet: {} not sent", id, m.getClass().getSimpleName());
        }
    }

    /**
     * QuickFIX/J's send (serialize, file store, message log, socket) of what {@link #send} is
     * given runs on these threads, a session always on the same one, so a session's messages
     * keep their order while the sessions' sends run in parallel: the market-data thread's
     * snapshots and incrementals, which go to many sessions at once, and the session threads'
     * own replies (BusinessMessageReject, SecurityList). Order reports do not come here: each
     * report lane sends its own ({@link #sendNow}). Shared by every acceptor in the JVM; daemon
     * threads. {@code -Dhyperindex.fix.senders=0} sends on the calling thread.
     */
    private static final OutboundThread[] SENDERS = senders(Integer.getInteger("hyperindex.fix.senders",
            Math.max(2, Runtime.getRuntime().availableProcessors())));

    private static OutboundThread[] senders(int n) {
        if (n <= 0) {
            return null;
        }
        OutboundThread[] out = new OutboundThread[n];
        for (int i = 0; i < n; i++) {
            out[i] = new OutboundThread("fix-sender-" + i, 0);
        }
        return out;
    }
}
