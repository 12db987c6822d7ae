package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.RawData;
import quickfix.field.Text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A partner's FIX engine for the tests: a real QuickFIX/J SocketInitiator over loopback that
 * signs its Logon with an Ed25519 key and queues every application message it receives.
 */
final class FixTestClient implements Application, AutoCloseable {
    /** Generous: the tests share two cores with other builds; a passing test never waits this long. */
    static final long TIMEOUT_SECONDS = 30;

    final SessionID id;
    private final Ed25519Key key;
    private final String keyId;
    private final String[] logonTags;
    private final SocketInitiator initiator;
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> logouts = new LinkedBlockingQueue<>();
    private volatile CountDownLatch loggedOn = new CountDownLatch(1);
    volatile boolean corruptSignature;

    /**
     * @param logonTags extra Logon tags as tag, value pairs (e.g. "9001", "Y")
     */
    FixTestClient(int port, String senderCompId, String targetCompId, Ed25519Key key, String keyId, Path storeDir,
                  String... logonTags) throws Exception {
        this.id = new SessionID("FIX.4.4", senderCompId, targetCompId);
        this.key = key;
        this.keyId = keyId;
        this.logonTags = logonTags;
        SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "initiator");
        s.setString("SocketConnectHost", "127.0.0.1");
        s.setLong("SocketConnectPort", port);
        s.setLong("HeartBtInt", 30);
        s.setLong("ReconnectInterval", 1);
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", "io/hyperindex/gateway/api/fix/FIX44.xml");
        s.setString("FileStorePath", storeDir.toString());
        s.setString("ValidateUserDefinedFields", "Y");
        s.setString("AllowUnknownMsgFields", "N");
        s.setString(id, "BeginString", "FIX.4.4");
        s.setString(id, "SenderCompID", senderCompId);
        s.setString(id, "TargetCompID", targetCompId);
        MessageStoreFactory stores = new FileStoreFactory(s);
        this.initiator = new SocketInitiator(this, stores, s, sid -> new quickfix.Log() {
            public void clear() { }
            public void onIncoming(String m) { }
            public void onOutgoing(String m) { }
            public void onEvent(String t) { }
            public void onErrorEvent(String t) {
                System.err.println("test client " + sid + ": " + t);
            }
        }, new DefaultMessageFactory());
    }

    /** Connects and waits for the Logon to complete. */
    FixTestClient logOn() throws Exception {
        start();
        if (!loggedOn.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no Logon of " + id + " within " + TIMEOUT_SECONDS + " s; logouts: " + logouts);
        }
        return this;
    }

    void start() throws Exception {
        loggedOn = new CountDownLatch(1);
        initiator.start();
    }

    /** The Text of the next Logout the gateway sends. */
    String awaitLogout() throws InterruptedException {
        String t = logouts.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no Logout within " + TIMEOUT_SECONDS + " s");
        }
        return t;
    }

    Session session() {
        return Session.lookupSession(id);
    }

    void send(Message m) {
        if (!session().send(m)) {
            throw new AssertionError("could not send " + m);
        }
    }

    /**
     * The first received message of {@code msgType} that matches, in arrival order; messages
     * passed over stay for later calls. Fails after the timeout.
     */
    Message await(String msgType, Predicate<Message> match) throws Exception {
        synchronized (backlog) {
            for (java.util.Iterator<Message> it = backlog.iterator(); it.hasNext(); ) {
                Message m = it.next();
                if (msgType.equals(m.getHeader().getString(MsgType.FIELD)) && match.test(m)) {
                    it.remove();
                    return m;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + msgType + " matching within " + TIMEOUT_SECONDS + " s; got " + backlog);
            }
            if (msgType.equals(m.getHeader().getString(MsgType.FIELD)) && match.test(m)) {
                return m;
            }
            synchronized (backlog) {
                backlog.add(m);
            }
        }
    }

    private final List<Message> backlog = new ArrayList<>();

    Message await(String msgType) throws Exception {
        return await(msgType, m -> true);
    }

    /** True if some message of the type arrives within {@code millis}. */
    boolean receivesWithin(String msgType, long millis) throws Exception {
        synchronized (backlog) {
            for (Message m : backlog) {
                if (msgType.equals(m.getHeader().getString(MsgType.FIELD))) {
                    return true;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return false;
            }
            if (msgType.equals(m.getHeader().getString(MsgType.FIELD))) {
                return true;
            }
        }
    }

    /** Drops the TCP connection without a Logout (as a crash or cable pull would). */
    void dropConnection() throws Exception {
        session().disconnect("test drops the socket", false);
    }

    @Override
    public void close() {
        initiator.stop(true);
    }

    /** Sends a Logout, waits for the gateway's answer (so the gateway has seen it), then stops. */
    void stopWithLogout() throws InterruptedException {
        CountDownLatch out = new CountDownLatch(1);
        loggedOut = out;
        session().logout("done");
        if (!out.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the Logout of " + id + " was not answered");
        }
        initiator.stop(true);
    }

    private volatile CountDownLatch loggedOut = new CountDownLatch(1);

    // ------------------------------------------------------------------ Application

    @Override
    public void onCreate(SessionID sessionID) {
    }

    @Override
    public void onLogon(SessionID sessionID) {
        loggedOn.countDown();
    }

    @Override
    public void onLogout(SessionID sessionID) {
        loggedOut.countDown();
    }

    @Override
    public void toAdmin(Message m, SessionID sessionID) {
        try {
            if (!MsgType.LOGON.equals(m.getHeader().getString(MsgType.FIELD))) {
                return;
            }
            for (int i = 0; i + 1 < logonTags.length; i += 2) {
                m.setString(Integer.parseInt(logonTags[i]), logonTags[i + 1]);
            }
            String signature = LogonSignature.signLogon(m, key, keyId);
            if (corruptSignature) {
                m.setString(RawData.FIELD, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
            }
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void fromAdmin(Message m, SessionID sessionID) throws FieldNotFound {
        if (MsgType.LOGOUT.equals(m.getHeader().getString(MsgType.FIELD))) {
            logouts.add(m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : "");
        } else if (MsgType.REJECT.equals(m.getHeader().getString(MsgType.FIELD))) {
            received.add(m);
        }
    }

    @Override
    public void toApp(Message message, SessionID sessionID) {
    }

    @Override
    public void fromApp(Message message, SessionID sessionID) {
        received.add(message);
    }
}
