package io.hyperindex.gateway.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * MessagePack encoding of a Hyperliquid action exactly as Hyperliquid's SDKs produce it before
 * hashing: map keys in the order the action was written (the order is part of the signed
 * bytes), integers in their smallest encoding, strings as str, booleans and null as such.
 * Prices and sizes are strings on the wire, so actions carry no floating point; a fractional
 * JSON number is refused rather than guessed at.
 */
public final class ActionCodec {
    private ActionCodec() {
    }

    /** The MessagePack bytes of {@code action} (a JSON tree whose object fields keep their order). */
    public static byte[] pack(JsonNode action) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, action);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(MessageBufferPacker p, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                p.packMapHeader(n.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    p.packString(e.getKey());
                    write(p, e.getValue());
                }
            }
            case ARRAY -> {
                p.packArrayHeader(n.size());
                for (JsonNode item : n) {
                    write(p, item);
                }
            }
            case STRING -> p.packString(n.textValue());
            case BOOLEAN -> p.packBoolean(n.booleanValue());
            case NULL -> p.packNil();
            case NUMBER -> {
                if (!n.canConvertToExactIntegral() || !n.canConvertToLong()) {
                    throw new IllegalArgumentException("action numbers must be integers (prices and sizes are strings): " + n);
                }
                p.packLong(n.longValue());
            }
            default -> throw new IllegalArgumentException("cannot encode a " + n.getNodeType() + " in an action");
        }
    }
}
