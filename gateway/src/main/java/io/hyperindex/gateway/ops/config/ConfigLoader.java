package io.hyperindex.gateway.ops.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration: Jackson maps it onto {@link ConfigFile} (unknown fields,
 * duplicate keys and wrong shapes are errors naming the field), then {@link ConfigValidator}
 * checks the values.
 */
public final class ConfigLoader {
    /** Class-path location of the commented default configuration that {@code generate-config} prints. */
    public static final String DEFAULT_CONFIG_RESOURCE = "/io/hyperindex/gateway/ops/config/default-config.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '([^']*)'");

    private ConfigLoader() {
    }

    /** Reads and checks the YAML file at {@code file}. */
    public static GatewayConfig load(Path file) throws InvalidConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        return parse(text);
    }

    /**
     * Reads and checks YAML text. Unknown fields are collected rather than fatal, so that one
     * run reports them together with every bad value.
     */
    public static GatewayConfig parse(String yaml) throws InvalidConfigException {
        List<String> unknown = new ArrayList<>();
        ConfigFile f = map(yaml, unknown);
        try {
            GatewayConfig c = ConfigValidator.validate(f);
            if (unknown.isEmpty()) {
                return c;
            }
            throw new InvalidConfigException(unknown);
        } catch (InvalidConfigException e) {
            if (unknown.isEmpty()) {
                throw e;
            }
            List<String> all = new ArrayList<>(unknown);
            all.addAll(e.problems().equals(unknown) ? List.of() : e.problems());
            throw new InvalidConfigException(all);
        }
    }

    /** Maps YAML text onto a {@link ConfigFile} without checking values; an unknown field is an error. */
    public static ConfigFile read(String yaml) throws InvalidConfigException {
        List<String> unknown = new ArrayList<>();
        ConfigFile f = map(yaml, unknown);
        if (!unknown.isEmpty()) {
            throw new InvalidConfigException(unknown);
        }
        return f;
    }

    private static ConfigFile map(String yaml, List<String> unknown) throws InvalidConfigException {
        try {
            ConfigFile f = YAML.readerFor(ConfigFile.class)
                    .withHandler(new DeserializationProblemHandler() {
                        @Override
                        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                                                             JsonDeserializer<?> deserializer, Object bean,
                                                             String propertyName) throws IOException {
                            JsonStreamContext field = p.currentToken() != null && p.currentToken().isStructStart()
                                    ? p.getParsingContext().getParent() : p.getParsingContext();
                            unknown.add(contextPath(field) + ": unknown field"
                                    + known(deserializer.getKnownPropertyNames()));
                            p.skipChildren();
                            return true;
                        }
                    })
                    .readValue(yaml);
            if (f == null) {
                throw empty();
            }
            return f;
        } catch (JsonMappingException e) {
            if (e.getPath().isEmpty() && String.valueOf(e.getOriginalMessage()).startsWith("No content to map")) {
                throw empty();
            }
            throw new InvalidConfigException(List.of(describe(e)));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(List.of(syntax(e)));
        }
    }

    private static InvalidConfigException empty() {
        return new InvalidConfigException(List.of("the config is empty: it needs at least instruments and accounts"
                + " (see generate-config)"));
    }

    /** The commented default configuration, exactly as {@code generate-config} prints it. */
    public static String defaultConfigText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_CONFIG_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML syntax error on one line: where, then SnakeYAML's explanation without its source excerpt. */
    private static String syntax(JsonProcessingException e) {
        String why = String.valueOf(e.getOriginalMessage()).lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; "));
        return where(e.getLocation()) + "not valid YAML: " + why;
    }

    /** A mapping error as "path: what is wrong". */
    private static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        java.util.regex.Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (dup.find()) {
            String field = path.equals("(top level)") ? dup.group(1) : path + "." + dup.group(1);
            return field + ": appears twice (" + where(e.getLocation()).replace(": ", "") + ")";
        }
        if (e.getCause() instanceof JsonProcessingException cause && !(cause instanceof JsonMappingException)) {
            return syntax(cause);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return path + ": unknown field" + known(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException f) {
            return path + ": must be " + shape(f.getTargetType()) + " (got " + ConfigValidator.show(f.getValue()) + ")";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path + ": must be " + shape(m.getTargetType());
        }
        return path + ": " + where(e.getLocation()) + e.getOriginalMessage();
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "(top level)" : b.toString();
    }

    /** "instruments[2].tickSize" for the field the parser is on. */
    private static String contextPath(JsonStreamContext ctx) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (known fields: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String shape(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a single value (text or number)";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of fields";
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
    }
}
