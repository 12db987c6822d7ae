package io.hyperindex.gateway.ops.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.CommandResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns the engine's risk events (limit alerts, MMP trips, circuit breakers, kill switches)
 * into Micrometer counters and, if configured, an operator webhook: an HTTP POST of one JSON
 * object per alert, retried with exponential backoff. Subscribed to the engine, it only counts
 * and enqueues on the engine thread; a full queue drops the alert (and counts the drop) rather
 * than ever blocking the engine.
 */
public final class AlertPublisher implements Consumer<CommandResult>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry registry;
    private final URI webhook;
    private final List<String> accounts;
    private final List<String> symbols;
    private final HttpClient http;
    private final BlockingQueue<String> queue;
    private final Duration initialBackoff;
    private final int maxAttempts;
    private final Counter dropped;
    private final Counter delivered;
    private final Counter failed;
    private final Thread sender;
    private volatile boolean running = true;

    /**
     * @param webhook        where to POST alerts, or null for counters only
     * @param queueCapacity  alerts waiting for delivery before new ones are dropped
     * @param initialBackoff first retry delay; doubled per attempt up to 30 s
     * @param maxAttempts    attempts per alert before it is given up (and counted as failed)
     */
    public AlertPublisher(MeterRegistry registry, URI webhook, List<String> accounts, List<String> symbols,
                          int queueCapacity, Duration initialBackoff, int maxAttempts) {
        this.registry = registry;
        this.webhook = webhook;
        this.accounts = List.copyOf(accounts);
        this.symbols = List.copyOf(symbols);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.initialBackoff = initialBackoff;
        this.maxAttempts = maxAttempts;
        this.dropped = registry.counter("gateway_alert_webhook_dropped");
        this.delivered = registry.counter("gateway_alert_webhook_delivered");
        this.failed = registry.counter("gateway_alert_webhook_failed");
        this.sender = new Thread(this::sendLoop, "alert-webhook");
        this.sender.setDaemon(true);
        if (webhook != null) {
            sender.start();
        }
    }

    @Override
    public void accept(CommandResult result) {
        for (EngineEvent e : result.events()) {
            ObjectNode alert = describe(e);
            if (alert == null) {
                continue;
            }
            registry.counter("gateway_risk_alerts", "kind", alert.get("kind").asText(),
                    "account", alert.path("account").asText("-")).increment();
            if (webhook != null && !queue.offer(alert.toString())) {
                dropped.increment();
            }
        }
    }

    /** The webhook JSON for a risk event, or null for events that are not alerts. */
    ObjectNode describe(EngineEvent e) {
        ObjectNode n = JSON.createObjectNode();
        if (e instanceof EngineEvent.RiskAlert a) {
            n.put("kind", "limit").put("account", account(a.account())).put("limit", a.limit()).put("level", a.level())
                    .put("used", a.used()).put("max", a.max()).put("timestamp", a.timestamp());
        } else if (e instanceof EngineEvent.MmpTriggered m) {
            n.put("kind", "mmp").put("account", account(m.account())).put("group", m.group())
                    .put("frozenUntil", m.frozenUntil()).put("timestamp", m.timestamp());
        } else if (e instanceof EngineEvent.CircuitBreakerTripped b) {
            n.put("kind", "circuit_breaker").put("instrument", symbols.get(b.instrument())).put("action", b.action().name())
                    .put("moveBps", b.moveBps()).put("until", b.until()).put("timestamp", b.timestamp());
        } else if (e instanceof EngineEvent.KillSwitchChanged k) {
            n.put("kind", "kill_switch").put("scope", k.scope().name()).put("on", k.on()).put("actor", k.actor())
                    .put("timestamp", k.timestamp());
            if (k.scope() == io.hyperindex.gateway.domain.Command.KillScope.ACCOUNT) {
                n.put("account", account(k.target()));
            } else if (k.scope() == io.hyperindex.gateway.domain.Command.KillScope.INSTRUMENT) {
                n.put("instrument", symbols.get(k.target()));
            }
        } else {
            return null;
        }
        return n;
    }

    private String account(int id) {
        return id >= 0 && id < accounts.size() ? accounts.get(id) : Integer.toString(id);
    }

    private void sendLoop() {
        while (running) {
            String body;
            try {
                body = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (body != null) {
                deliver(body);
            }
        }
    }

    private void deliver(String body) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; attempt <= maxAttempts && running; attempt++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    delivered.increment();
                    return;
                }
                log.warn("alert webhook answered {} (attempt {} of {})", r.statusCode(), attempt, maxAttempts);
            } catch (java.io.IOException e) {
                log.warn("alert webhook unreachable: {} (attempt {} of {})", e.toString(), attempt, maxAttempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
        }
        failed.increment();
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
    }
}
