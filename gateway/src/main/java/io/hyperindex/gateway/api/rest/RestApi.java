package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.RateLimit;
import io.hyperindex.gateway.auth.RateLimiter;
import io.hyperindex.gateway.auth.RequestVerifier;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.RouteHandler;
import io.hyperindex.gateway.ops.http.RouteTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The REST API on the gateway's HTTP port under {@value #PREFIX}: the Trading, MarketData,
 * Account and Admin resources of the gRPC services in JSON, every request signed
 * (docs/api-signing.md), and the OpenAPI 3.1 document at {@value #PREFIX}/openapi.json
 * (unauthenticated). See docs/rest.md.
 */
public final class RestApi implements AutoCloseable {
    /** Every REST route starts with this. */
    public static final String PREFIX = "/api/v1";
    /** Classpath location of the OpenAPI document (copied from docs/openapi.json at build time). */
    static final String OPENAPI_RESOURCE = "openapi.json";

    /**
     * Tunables, with defaults that suit the sandbox.
     *
     * @param receiveWindow     how far a request's timestamp may be from the gateway's clock
     * @param perAccount        rate limit of an account over all its keys (REST requests)
     * @param perKey            rate limit of one key
     * @param maxBodyBytes      largest request body accepted (413 above)
     * @param idempotencyWindow how long a placement with a client order id answers its retries
     * @param threads           threads that turn engine results into answers
     */
    public record Settings(Duration receiveWindow, RateLimit perAccount, RateLimit perKey, int maxBodyBytes,
                           Duration idempotencyWindow, int threads) {
        public static Settings defaults() {
            return new Settings(RequestVerifier.DEFAULT_WINDOW, new RateLimit(2_000, 4_000), new RateLimit(1_000, 2_000),
                    64 * 1024, Duration.ofSeconds(60), 2);
        }

        public Settings withRateLimits(RateLimit account, RateLimit key) {
            return new Settings(receiveWindow, account, key, maxBodyBytes, idempotencyWindow, threads);
        }
    }

    private final ExecutorService executor;

    private RestApi(ExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Adds the routes to {@code routes}. The engine is looked up per request (it starts after
     * HTTP is bound); until it is ready the signed routes answer 503 ENGINE_UNAVAILABLE.
     *
     * @param accounts account ids in engine-id order
     */
    public static RestApi install(RouteTable routes, Supplier<Engine> engine, List<Instrument> instruments,
                                  List<String> accounts, KeyRegistry keys, Settings settings) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "rest-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RequestVerifier verifier = new RequestVerifier(keys, settings.receiveWindow(), System::currentTimeMillis, 1_000_000);
        RateLimiter limiter = new RateLimiter(a -> settings.perAccount(), k -> settings.perKey(), System::nanoTime);
        RouteTable.Group v1 = routes.group(PREFIX);
        RestEndpoints api = new RestEndpoints(v1, engine, new Markets(instruments, accounts), verifier, limiter, executor,
                settings.maxBodyBytes());
        JsonNode openApi = openApiDocument();
        v1.get("/openapi.json", RouteHandler.of(request -> JsonReply.ok(openApi)));
        new TradingRoutes(api, settings.idempotencyWindow()).install();
        new MarketDataRoutes(api).install();
        new AccountRoutes(api).install();
        new AdminRoutes(api, keys).install();
        return new RestApi(executor);
    }

    /** The OpenAPI 3.1 document the build copied from docs/openapi.json. */
    static JsonNode openApiDocument() {
        try (InputStream in = RestApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath (the build copies docs/openapi.json)");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the answering threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
