package io.hyperindex.gateway.venue.hyperliquid;

import io.hyperindex.gateway.domain.Instrument;

import java.net.URI;
import java.util.Map;

/**
 * Settings of the Hyperliquid venue adapter.
 *
 * @param baseUrl            the endpoint: https://api.hyperliquid.xyz, https://api.hyperliquid-testnet.xyz, or any
 *                           compatible one (another gateway's http://HOST:PORT/hl); /info, /exchange and /ws are under it
 * @param testnetSignatures  sign with the phantom agent source "b" (testnet and compatible endpoints) instead of "a"
 * @param user               the trading user whose orders and fills are read (the master account's address);
 *                           null = the API wallet's own address
 * @param vaults             engine account id -> sub-account (vault) address its orders are sent for; accounts
 *                           without one trade for {@code user}
 * @param instruments        the routed instruments by engine id, with the Hyperliquid coin each trades as
 * @param cloidPrefix        the first 8 bytes of every cloid (tells this gateway's orders from others)
 * @param deadManMillis      scheduleCancel this far ahead, renewed every {@code deadManRenewMillis} while the
 *                           gateway is healthy (0 = no dead-man switch)
 * @param ipWeightPerMinute  the IP rate budget (Hyperliquid: 1,200)
 * @param addressBuffer      the address budget's initial requests (Hyperliquid: 10,000)
 */
public record HyperliquidVenueConfig(URI baseUrl, boolean testnetSignatures, String user, Map<Integer, String> vaults,
                                     Map<Integer, Routed> instruments, long cloidPrefix, long deadManMillis,
                                     long deadManRenewMillis, int ipWeightPerMinute, long addressBuffer) {

    /** One routed instrument and its coin on Hyperliquid. */
    public record Routed(Instrument instrument, String coin) {
    }

    public HyperliquidVenueConfig {
        vaults = Map.copyOf(vaults);
        instruments = Map.copyOf(instruments);
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        if (path.endsWith("/")) {
            baseUrl = URI.create(baseUrl.toString().substring(0, baseUrl.toString().length() - 1));
        }
    }

    URI info() {
        return URI.create(baseUrl + "/info");
    }

    URI exchange() {
        return URI.create(baseUrl + "/exchange");
    }

    URI webSocket() {
        String s = baseUrl.toString();
        return URI.create((s.startsWith("https") ? "wss" + s.substring(5) : "ws" + s.substring(4)) + "/ws");
    }
}
