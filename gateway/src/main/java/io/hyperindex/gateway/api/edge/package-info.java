/**
 * What every protocol adapter shares at the API edge: the venue's symbols and account ids, the
 * decimal-string conversions, the checks a request passes before it becomes an engine command,
 * and the reading of command results into order outcomes. Protocol-neutral: the gRPC and REST
 * adapters map these to their own wire forms, so the rules live in one place.
 */
package io.hyperindex.gateway.api.edge;
