package io.hyperindex.gateway.ops.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: an HTTP status and a body that Jackson serialises to JSON. Errors
 * use the gateway-wide shape {@code {"code": ..., "message": ...}}.
 *
 * @param status HTTP status code
 * @param body   any Jackson-serialisable value (map, record, list)
 */
public record JsonReply(int status, Object body) {

    /** 200 with {@code body}. */
    public static JsonReply ok(Object body) {
        return new JsonReply(HttpResponseStatus.OK.code(), body);
    }

    /** An error reply: {@code {"code": code, "message": message}}. */
    public static JsonReply error(HttpResponseStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return new JsonReply(status.code(), body);
    }
}
