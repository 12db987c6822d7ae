package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.domain.ReasonCode;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly (a field left out or sent as null takes its default): unknown fields, duplicate keys, trailing content, JSON nested
 * deeper than {@value #MAX_DEPTH} levels, and values of the wrong JSON type (a number where a
 * decimal string belongs, a string where a number or boolean belongs, a number for an enum) are
 * all refused with INVALID_REQUEST and a message that names the field, e.g.
 * {@code orders[3].price must be a string}.
 */
final class RestJson {
    /** Deepest nesting of objects and arrays accepted in a body. */
    static final int MAX_DEPTH = 8;
    private static final ObjectMapper MAPPER = strictMapper();

    private RestJson() {
    }

    private static ObjectMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(40)
                        .maxStringLength(64 * 1024).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper m = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // a number or boolean where a string belongs is a wrong type, not a string
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /** A reader for one body type; build once per route (readers are immutable and thread-safe). */
    static <T> ObjectReader readerFor(Class<T> type) {
        return MAPPER.readerFor(type);
    }

    /** The body as {@code T}, or INVALID_REQUEST naming what is wrong. An empty body is refused. */
    static <T> T read(ObjectReader reader, byte[] body) {
        if (body.length == 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "this endpoint needs a JSON object body");
        }
        try {
            // parsed whole first, so the depth, duplicate-key and trailing-content limits hold for every body,
            // not only up to the first field that fails to bind
            com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "this endpoint needs a JSON object body");
            }
            T value = reader.readValue(tree);
            if (value == null) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "the body must be a JSON object, not null");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "the body is nested deeper than " + MAX_DEPTH
                    + " levels, or holds an over-long number or string");
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "unknown field " + path(e)
                    + (known.isEmpty() ? "" : " (the fields here are " + known + ")"));
        } catch (InvalidFormatException e) {
            Class<?> target = e.getTargetType();
            String allowed = target != null && target.isEnum() ? " one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) : " " + describe(target);
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, path(e) + " must be" + allowed);
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "the body must be a JSON object");
            }
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, path(e) + " must be " + describe(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "field " + path(e) + " is invalid: "
                    + Markets.shortened(e.getOriginalMessage()));
        } catch (IOException e) {
            // JsonParseException and friends: the bytes are not JSON
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() : "";
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "the body is not valid JSON" + where);
        }
    }

    /** "orders[3].price" from the exception's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(Markets.shortened(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the body" : b.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string (decimals are strings such as \"95000.1\")";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "an integer number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (java.util.List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
