package io.hyperindex.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hyperindex.gateway.ops.config.ConfigFile;
import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate-config prints a complete, commented config that validates and equals the sandbox defaults. */
class GenerateConfigTest {

    private static String generated() {
        StringWriter out = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).execute("generate-config");
        assertEquals(0, code);
        return out.toString();
    }

    @Test
    void generatedConfigValidatesAndEqualsTheSandboxDefaults() throws Exception {
        String yaml = generated();
        assertEquals(ConfigLoader.defaultConfigText(), yaml);
        assertEquals(SandboxDefaults.config(), ConfigLoader.parse(yaml));
    }

    @Test
    void generatedConfigIsCommented() {
        long comments = generated().lines().filter(l -> l.strip().startsWith("#")).count();
        assertTrue(comments >= 30, "only " + comments + " comment lines");
    }

    @Test
    void generatedConfigSpellsOutEveryField() throws Exception {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(generated());
        List<String> missing = new ArrayList<>();
        walk(ConfigFile.class, root, "", missing);
        assertEquals(List.of(), missing, "fields the generated config leaves out");
    }

    /**
     * Every public field of the mapped class must be present in every corresponding node. An
     * account's {@code limits} only override risk.defaultLimits, so {@code limits: {}} (nothing
     * overridden) counts as spelled out; the venue account spells every field.
     */
    private static void walk(Class<?> type, JsonNode node, String path, List<String> missing) {
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String p = path.isEmpty() ? f.getName() : path + "." + f.getName();
            JsonNode child = node.get(f.getName());
            if (child == null) {
                missing.add(p);
                continue;
            }
            if (type == ConfigFile.Account.class && f.getName().equals("limits") && child.isObject() && child.isEmpty()) {
                continue;
            }
            if (java.util.Map.class.isAssignableFrom(f.getType())) {
                Class<?> value = (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[1];
                if (value.getDeclaringClass() == ConfigFile.class) {
                    child.fields().forEachRemaining(e -> walk(value, e.getValue(), p + "." + e.getKey(), missing));
                }
            } else if (List.class.isAssignableFrom(f.getType())) {
                Class<?> element = (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
                if (element.getDeclaringClass() == ConfigFile.class) {
                    for (int i = 0; i < child.size(); i++) {
                        walk(element, child.get(i), p + "[" + i + "]", missing);
                    }
                }
            } else if (f.getType().getDeclaringClass() == ConfigFile.class && !child.isNull()) {
                walk(f.getType(), child, p, missing); // an explicit null spells out an optional section
            }
        }
    }
}
