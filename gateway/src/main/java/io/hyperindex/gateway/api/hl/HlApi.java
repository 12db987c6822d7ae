package io.hyperindex.gateway.api.hl;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.http.RouteTable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Hyperliquid-compatible API on the gateway's HTTP port: {@code POST /hl/info},
 * {@code POST /hl/exchange} and the WebSocket {@code /hl/ws}, so that a bot written for Hyperliquid trades on the venue's books
 * with its base URL set to {@code http://HOST:PORT/hl}. Agent wallets (addresses approved per
 * account in the configuration, and the sandbox's demo agents) authenticate by signing.
 */
public final class HlApi implements AutoCloseable {
    private final HlInfo info;
    private final HlExchange exchange;
    private final FillHistory fills;
    private final FinishedOrders finished;
    private final HlWebSocket webSocket;

    private HlApi(HlInfo info, HlExchange exchange, FillHistory fills, FinishedOrders finished, HlWebSocket webSocket) {
        this.info = info;
        this.exchange = exchange;
        this.fills = fills;
        this.finished = finished;
        this.webSocket = webSocket;
    }

    /**
     * Adds the routes. The engine is looked up per request (it starts after HTTP is bound);
     * until it is ready the routes answer 503.
     *
     * @param agentsByAccount    per engine account id (list index), its approved agent addresses
     * @param testnetSignatures  verify the phantom agent's source "b" (what Hyperliquid's SDKs sign for
     *                           every base URL but Hyperliquid mainnet's) instead of "a"
     */
    public static HlApi install(RouteTable routes, Supplier<Engine> engine, List<Instrument> instruments,
                                List<List<String>> agentsByAccount, boolean testnetSignatures) {
        return install(routes, engine, instruments, agentsByAccount, Map.of(), testnetSignatures);
    }

    /**
     * As above, with sub-accounts: {@code subAccounts} maps a sub-account's address (lower case)
     * to its engine account id and the engine account id of the master whose agents may trade
     * it (with {@code vaultAddress} set to that address).
     */
    public static HlApi install(RouteTable routes, Supplier<Engine> engine, List<Instrument> instruments,
                                List<List<String>> agentsByAccount, Map<String, HlContext.SubAccount> subAccounts,
                                boolean testnetSignatures) {
        Map<String, Integer> agents = new HashMap<>();
        for (int a = 0; a < agentsByAccount.size(); a++) {
            for (String address : agentsByAccount.get(a)) {
                Integer before = agents.put(address.toLowerCase(), a);
                if (before != null && before != a) {
                    throw new IllegalArgumentException("agent " + address + " is approved for two accounts");
                }
            }
        }
        HlAssets assets = new HlAssets(instruments);
        LongSupplier clock = System::currentTimeMillis;
        FillHistory fills = new FillHistory(assets, agentsByAccount.size());
        HlContext context = new HlContext(engine, assets, agents, subAccounts, clock);
        FinishedOrders finished = new FinishedOrders();
        HlInfo info = new HlInfo(context, fills, finished);
        HlExchange exchange = new HlExchange(context, testnetSignatures);
        HlApi api = new HlApi(info, exchange, fills, finished, new HlWebSocket(context, fills, finished, info, exchange::handle));
        routes.post("/hl/info", api.info::handle);
        routes.post("/hl/exchange", api.exchange::handle);
        routes.webSocket("/hl/ws", api.webSocket);
        return api;
    }

    /**
     * Subscribe this to the engine once it runs: it keeps the recent fills that userFills answers
     * and the recently finished orders that orderStatus answers, and feeds the WebSocket's
     * subscribers, in that order.
     */
    public java.util.function.Consumer<io.hyperindex.gateway.engine.CommandResult> engineListener() {
        return fills.andThen(finished).andThen(webSocket);
    }

    /** Stops the WebSocket's book publisher. */
    @Override
    public void close() {
        webSocket.close();
    }
}
