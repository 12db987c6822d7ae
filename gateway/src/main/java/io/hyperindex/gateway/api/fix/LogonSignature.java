package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.TargetCompID;
import quickfix.field.Username;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Logon signature: an Ed25519 signature, base64 (RFC 4648, with padding) in
 * {@code RawData(96)}, over the canonical string
 * {@code SendingTime|MsgType|MsgSeqNum|SenderCompID|TargetCompID|Username}, the fields spelled
 * exactly as they appear on the wire, joined by '|'. Signing SendingTime (checked against the
 * clock within MaxLatency) and MsgSeqNum makes a captured Logon useless later.
 */
public final class LogonSignature {
    private LogonSignature() {
    }

    /** The canonical string of a Logon's header fields and Username; throws if one is missing. */
    public static String canonical(Message logon) throws FieldNotFound {
        Message.Header h = logon.getHeader();
        return canonical(h.getString(SendingTime.FIELD), h.getString(MsgType.FIELD), h.getString(MsgSeqNum.FIELD),
                h.getString(SenderCompID.FIELD), h.getString(TargetCompID.FIELD), logon.getString(Username.FIELD));
    }

    /** The canonical string of the given field values. */
    public static String canonical(String sendingTime, String msgType, String msgSeqNum, String senderCompId,
                                   String targetCompId, String username) {
        return String.join("|", sendingTime, msgType, msgSeqNum, senderCompId, targetCompId, username);
    }

    /** The RawData(96) value: the base64 signature of {@code canonical} by {@code key}. */
    public static String sign(Ed25519Key key, String canonical) {
        return Base64.getEncoder().encodeToString(key.sign(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * What a partner's FIX engine does to an outgoing Logon: sets {@code Username(553)} to the key
     * id, signs the canonical string, and puts the signature in {@code RawData(96)} with its
     * {@code RawDataLength(95)}. Other Logon tags must be set before (they are not signed, but
     * SendingTime, MsgSeqNum and the CompIDs are). Returns the signature.
     */
    public static String signLogon(Message logon, Ed25519Key key, String keyId) throws FieldNotFound {
        logon.setString(Username.FIELD, keyId);
        String signature = sign(key, canonical(logon));
        logon.setInt(quickfix.field.RawDataLength.FIELD, signature.length());
        logon.setString(quickfix.field.RawData.FIELD, signature);
        return signature;
    }

    /** True if {@code rawData} is a base64 Ed25519 signature of {@code canonical} by {@code publicKeyHex}. */
    public static boolean verify(String publicKeyHex, String canonical, String rawData) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(rawData);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519Key.verify(publicKeyHex, canonical.getBytes(StandardCharsets.UTF_8), signature);
    }
}
