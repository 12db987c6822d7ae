package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/openapi.json is the REST API's contract: every route the running server registered
 * under /api/v1 is in it with the same method and path, and every operation it lists is a
 * route the server serves. The server serves the same document, unsigned.
 */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    @TempDir
    static Path dir;
    static RestFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new RestFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static JsonNode committedDocument() throws Exception {
        return RestFixture.JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json")));
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOperationIsServed() throws Exception {
        Set<String> served = new TreeSet<>();
        for (String route : f.server.routes().describe()) {
            if (route.split(" ", 2)[1].startsWith(RestApi.PREFIX + "/")) {
                served.add(route);
            }
        }
        JsonNode doc = committedDocument();
        assertEquals("3.1.0", doc.path("openapi").asText());
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> ops = doc.path("paths").path(path).fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (METHODS.contains(op)) {
                    documented.add(op.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertTrue(served.size() > 25, served.toString());
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertEquals(Set.of(), undocumented, "served but missing from docs/openapi.json");
        assertEquals(Set.of(), unserved, "in docs/openapi.json but not served");
    }

    @Test
    void theServerServesTheCommittedDocumentWithoutASignature() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(f.base + "/api/v1/openapi.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(committedDocument(), RestFixture.JSON.readTree(r.body()));
    }

    @Test
    void everyOperationReferencesOnlyDefinedSchemas() throws Exception {
        JsonNode doc = committedDocument();
        String text = doc.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#/components/(schemas|responses)/([A-Za-z0-9]+)").matcher(text);
        int refs = 0;
        while (m.find()) {
            refs++;
            assertTrue(doc.path("components").path(m.group(1)).has(m.group(2)), "undefined " + m.group());
        }
        assertTrue(refs > 50, "the document describes its bodies: " + refs + " references");
    }
}
