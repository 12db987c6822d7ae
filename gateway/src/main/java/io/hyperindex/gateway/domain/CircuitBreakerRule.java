package io.hyperindex.gateway.domain;

import java.util.List;

/**
 * A circuit breaker: when an instrument's trade prices within {@code windowMillis} span more
 * than {@code moveBps} (high minus low, over low), take {@code action}, then let the rule rest
 * for {@code cooldownMillis}. HALT cancels every order on the instrument and refuses new ones
 * for the cooldown; ALERT only notifies (market makers widen their quotes on it).
 */
public record CircuitBreakerRule(int moveBps, long windowMillis, Action action, long cooldownMillis) {

    /** What the breaker does when it trips. */
    public enum Action { ALERT, HALT }

    public CircuitBreakerRule {
        if (moveBps <= 0 || windowMillis <= 0 || cooldownMillis < 0 || action == null) {
            throw new IllegalArgumentException("circuit breaker: positive move and window, cooldown >= 0, an action");
        }
    }

    /** The venue's table: > 1% in 1 min alerts (cooldown 5 min); > 3% in 5 min halts for 15 min. */
    public static List<CircuitBreakerRule> venueDefaults() {
        return List.of(new CircuitBreakerRule(100, 60_000, Action.ALERT, 300_000),
                new CircuitBreakerRule(300, 300_000, Action.HALT, 900_000));
    }
}
