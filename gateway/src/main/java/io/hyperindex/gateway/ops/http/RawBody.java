package io.hyperindex.gateway.ops.http;

/**
 * A {@link JsonReply} body written as is rather than as JSON (e.g. Prometheus' text format).
 *
 * @param contentType the Content-Type header value
 * @param bytes       the body
 */
public record RawBody(String contentType, byte[] bytes) {
}
