package io.hyperindex.gateway.venue;

import io.hyperindex.gateway.domain.Command;

/**
 * Where a venue adapter puts the venue's answers (VenueOrderAcked, VenueFill, ...): the engine's
 * inbound ring. {@link #submit} returns once the engine has applied and journaled the command,
 * or throws if the engine does not run; it is called off the engine thread only.
 */
@FunctionalInterface
public interface VenueInbox {
    /**
     * Submits and waits until the engine has journaled the command. Returns the refusal reason
     * (e.g. DUPLICATE_VENUE_FILL, UNKNOWN_ORDER: journaled, nothing changed) or null if it was
     * applied; ENGINE_UNAVAILABLE means it was not taken and may be submitted again.
     */
    io.hyperindex.gateway.domain.ReasonCode submit(Command command) throws InterruptedException;
}
