package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.ops.http.ApiRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Query and path parameters, read strictly: unknown or repeated parameters and malformed numbers are INVALID_REQUEST. */
final class QueryParams {
    /** Largest page of a list, and the page size when none is asked for. */
    static final int MAX_PAGE = 500;
    static final int DEFAULT_PAGE = 100;

    private QueryParams() {
    }

    /** Refuses parameters other than {@code allowed}, and any given twice. */
    static void only(ApiRequest request, Set<String> allowed) {
        for (Map.Entry<String, List<String>> p : request.queryParams().entrySet()) {
            if (!allowed.contains(p.getKey())) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "unknown query parameter " + Markets.shortened(p.getKey())
                        + (allowed.isEmpty() ? " (this endpoint takes none)" : " (allowed: " + String.join(", ", allowed) + ")"));
            }
            if (p.getValue().size() > 1) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "query parameter " + p.getKey() + " is given twice");
            }
        }
    }

    /** A non-negative integer parameter, or {@code absent} if not given. */
    static long number(String name, String value, long absent, long max) {
        if (value == null) {
            return absent;
        }
        if (!value.matches("[0-9]{1,18}") || Long.parseLong(value) > max) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, name + " must be an integer 0.." + max);
        }
        return Long.parseLong(value);
    }

    /** The page size: {@code limit} 1..{@value #MAX_PAGE}, default {@value #DEFAULT_PAGE}. */
    static int limit(String value) {
        long n = number("limit", value, DEFAULT_PAGE, MAX_PAGE);
        if (n < 1) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "limit must be 1.." + MAX_PAGE);
        }
        return (int) n;
    }

    /** A positive order id from the path. */
    static long orderId(String value) {
        if (value == null || !value.matches("[0-9]{1,18}") || Long.parseLong(value) == 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "orderId must be a positive integer");
        }
        return Long.parseLong(value);
    }
}
