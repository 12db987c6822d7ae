package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperindex.gateway.auth.Ed25519Key;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order resources of /api/v1 on a real sandbox gateway over loopback HTTP: the lifecycle of
 * an order, a fill between two accounts with its fee, batches, mass cancel, idempotent retries
 * through the client order id, pagination and the dead-man switch. Each test trades its own
 * instrument or price range, so the tests do not cross each other's orders.
 */
class RestTradingTest {
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

    @Test
    void anOrderIsPlacedReadListedAmendedAndCancelled() throws Exception {
        JsonNode ack = f.post(f.alpha, "/api/v1/orders", RestFixture.hype("BUY", "29.5", "10", "life-1")).assertOk().json();
        long id = ack.path("orderId").asLong();
        assertTrue(id > 0, ack.toString());
        assertEquals("NEW", ack.path("status").asText());
        assertDecimal("10", ack.path("remaining"));
        assertEquals("life-1", ack.path("clientOrderId").asText());
        assertTrue(ack.path("sequence").asLong() > 0);

        JsonNode order = f.get(f.alpha, "/api/v1/orders/" + id).assertOk().json();
        assertDecimal("29.5", order.path("price"));
        assertEquals("BUY", order.path("side").asText());
        assertEquals("GTC", order.path("timeInForce").asText());
        assertEquals(id, f.get(f.alpha, "/api/v1/orders/by-client-id/life-1").assertOk().json().path("orderId").asLong());
        assertTrue(ids(f.get(f.alpha, "/api/v1/orders?symbol=HYPE-USDC").assertOk().json()).contains(id));

        JsonNode amended = f.send(f.alpha, "PATCH", "/api/v1/orders/" + id, "{\"newPrice\":\"29.6\"}").assertOk().json();
        assertEquals(id, amended.path("orderId").asLong());
        assertEquals("NEW", amended.path("status").asText());
        assertDecimal("29.6", f.get(f.alpha, "/api/v1/orders/" + id).assertOk().json().path("price"));
        f.send(f.alpha, "PATCH", "/api/v1/orders/" + id, "{}").assertError(400, "INVALID_AMEND");

        JsonNode cancelled = f.send(f.alpha, "DELETE", "/api/v1/orders/" + id, null).assertOk().json();
        assertEquals("CANCELLED", cancelled.path("status").asText());
        assertEquals("USER_CANCELLED", cancelled.at("/reason/code").asText());
        assertDecimal("0", cancelled.path("remaining"));
        f.get(f.alpha, "/api/v1/orders/" + id).assertError(404, "UNKNOWN_ORDER");
        f.send(f.alpha, "DELETE", "/api/v1/orders/" + id, null).assertError(404, "UNKNOWN_ORDER");
    }

    @Test
    void aFillBetweenTwoAccountsShowsTheTakersFeeAndBothPositions() throws Exception {
        JsonNode maker = f.post(f.alpha, "/api/v1/orders", RestFixture.hype("SELL", "30.4", "5", "fill-maker")).assertOk().json();
        assertEquals("NEW", maker.path("status").asText());
        JsonNode taker = f.post(f.bravo, "/api/v1/orders", RestFixture.hype("BUY", "30.4", "5", "fill-taker")).assertOk().json();
        assertEquals("FILLED", taker.path("status").asText(), taker.toString());
        assertDecimal("5", taker.path("filled"));
        JsonNode fill = taker.at("/fills/0");
        assertDecimal("30.4", fill.path("price"));
        assertDecimal("5", fill.path("quantity"));
        BigDecimal fee = new BigDecimal(fill.path("fee").asText());
        assertTrue(fee.signum() > 0, "a taker pays a fee: " + fill);
        assertFalse(fill.path("feeTier").asText().isEmpty());

        JsonNode bravoPosition = position(f.bravo, "HYPE-USDC");
        assertDecimal("5", bravoPosition.path("quantity"));
        assertEquals(0, fee.compareTo(new BigDecimal(bravoPosition.path("fees").asText())), bravoPosition.toString());
        assertDecimal("-5", position(f.alpha, "HYPE-USDC").path("quantity"));
        f.get(f.alpha, "/api/v1/orders/" + maker.path("orderId").asLong()).assertError(404, "UNKNOWN_ORDER");
        assertFalse(f.get(f.bravo, "/api/v1/account/balances").assertOk().json().path("usdc").asText().isEmpty());
    }

    private static JsonNode position(Ed25519Key key, String symbol) throws Exception {
        for (JsonNode p : f.get(key, "/api/v1/account/positions").assertOk().json().path("positions")) {
            if (p.path("symbol").asText().equals(symbol)) {
                return p;
            }
        }
        throw new AssertionError("no " + symbol + " position");
    }

    @Test
    void massCancelEndsEveryOrderOfTheInstrument() throws Exception {
        for (String px : List.of("94000", "94000.1", "94000.2")) {
            f.post(f.alpha, "/api/v1/orders", "{\"symbol\":\"BTC-USDC\",\"side\":\"BUY\",\"price\":\"" + px
                    + "\",\"quantity\":\"0.001\"}").assertOk();
        }
        assertEquals(3, f.get(f.alpha, "/api/v1/orders?symbol=BTC-USDC").assertOk().json().path("orders").size());
        f.send(f.alpha, "DELETE", "/api/v1/orders?symbol=BTC-USDC&side=SELL", null).assertOk();
        assertEquals(3, f.get(f.alpha, "/api/v1/orders?symbol=BTC-USDC").assertOk().json().path("orders").size(),
                "a mass cancel of the sell side leaves the bids");
        JsonNode mass = f.send(f.alpha, "DELETE", "/api/v1/orders?symbol=BTC-USDC", null).assertOk().json();
        assertEquals(3, mass.path("cancelled").asInt());
        assertEquals(0, f.get(f.alpha, "/api/v1/orders?symbol=BTC-USDC").assertOk().json().path("orders").size());
        f.send(f.alpha, "DELETE", "/api/v1/orders?side=BOTH", null).assertError(400, "INVALID_REQUEST");
    }

    @Test
    void aBatchOf41IsRejectedWholeAndABatchAnswersEachItem() throws Exception {
        int before = f.get(f.alpha, "/api/v1/orders?symbol=HIDX-USDC").assertOk().json().path("orders").size();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            items.add("{\"symbol\":\"HIDX-USDC\",\"side\":\"BUY\",\"price\":\"1.24\",\"quantity\":\"10\"}");
        }
        String why = f.post(f.alpha, "/api/v1/orders/batch", "{\"orders\":[" + String.join(",", items) + "]}")
                .assertError(400, "BATCH_TOO_LARGE");
        assertTrue(why.contains("41"), why);
        assertEquals(before, f.get(f.alpha, "/api/v1/orders?symbol=HIDX-USDC").assertOk().json().path("orders").size(),
                "nothing of a refused batch was placed");

        JsonNode results = f.post(f.alpha, "/api/v1/orders/batch", "{\"orders\":["
                + "{\"symbol\":\"HIDX-USDC\",\"side\":\"BUY\",\"price\":\"1.24\",\"quantity\":\"10\"},"
                + "{\"symbol\":\"HIDX-USDC\",\"side\":\"BUY\",\"price\":\"1.24005\",\"quantity\":\"10\"},"
                + "{\"symbol\":\"HIDX-USDC\",\"side\":\"BUY\",\"price\":\"1.2401\",\"quantity\":\"10\"}]}")
                .assertOk().json().path("results");
        assertEquals(3, results.size());
        assertEquals("NEW", results.at("/0/ack/status").asText());
        assertEquals("PRICE_OFF_TICK", results.at("/1/error/code").asText(), results.toString());
        assertTrue(results.at("/1/error/message").asText().startsWith("orders[1]"), results.toString());
        long first = results.at("/0/ack/orderId").asLong();
        long third = results.at("/2/ack/orderId").asLong();

        JsonNode cancels = f.post(f.alpha, "/api/v1/orders/cancel", "{\"orders\":[{\"orderId\":" + first + "},{\"orderId\":"
                + third + "},{\"clientOrderId\":\"never-placed\"}]}").assertOk().json().path("results");
        assertEquals("CANCELLED", cancels.at("/0/ack/status").asText());
        assertEquals(third, cancels.at("/1/ack/orderId").asLong());
        assertEquals("UNKNOWN_ORDER", cancels.at("/2/error/code").asText());
        f.post(f.alpha, "/api/v1/orders/cancel", "{\"orders\":[]}").assertError(400, "INVALID_REQUEST");
    }

    @Test
    void aRetriedPlacementAnswersTheOrderAlreadyPlacedInsteadOfASecondOrder() throws Exception {
        String body = "{\"symbol\":\"ETH-USDC\",\"side\":\"BUY\",\"price\":\"3300\",\"quantity\":\"0.01\",\"clientOrderId\":\"idem-1\"}";
        JsonNode first = f.post(f.bravo, "/api/v1/orders", body).assertOk().json();
        JsonNode retry = f.post(f.bravo, "/api/v1/orders", body).assertOk().json();
        assertEquals(first.path("orderId").asLong(), retry.path("orderId").asLong());
        assertTrue(retry.path("duplicate").asBoolean(), retry.toString());
        assertFalse(first.has("duplicate"));
        assertEquals(1, f.get(f.bravo, "/api/v1/orders?symbol=ETH-USDC").assertOk().json().path("orders").size());
        // the same client order id for another order is a conflict, not a retry
        f.post(f.bravo, "/api/v1/orders", body.replace("3300", "3301")).assertError(409, "DUPLICATE_CLIENT_ORDER_ID");

        // an order that filled at once: its retry must not buy again
        JsonNode resting = f.post(f.alpha, "/api/v1/orders", "{\"symbol\":\"ETH-USDC\",\"side\":\"SELL\",\"price\":\"3600\","
                + "\"quantity\":\"0.02\"}").assertOk().json();
        String take = "{\"symbol\":\"ETH-USDC\",\"side\":\"BUY\",\"price\":\"3600\",\"quantity\":\"0.01\",\"clientOrderId\":\"idem-2\"}";
        JsonNode filled = f.post(f.bravo, "/api/v1/orders", take).assertOk().json();
        assertEquals("FILLED", filled.path("status").asText(), filled.toString());
        JsonNode again = f.post(f.bravo, "/api/v1/orders", take).assertOk().json();
        assertEquals(filled.path("orderId").asLong(), again.path("orderId").asLong());
        assertTrue(again.path("duplicate").asBoolean());
        assertDecimal("0.01", f.get(f.alpha, "/api/v1/orders/" + resting.path("orderId").asLong()).assertOk().json()
                .path("remaining"));
        f.send(f.alpha, "DELETE", "/api/v1/orders/" + resting.path("orderId").asLong(), null).assertOk();
        f.send(f.bravo, "DELETE", "/api/v1/orders/by-client-id/idem-1", null).assertOk();
    }

    @Test
    void openOrdersArePagedOldestFirstWithACursor() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            items.add("{\"symbol\":\"HIDX-USDC\",\"side\":\"SELL\",\"price\":\"1.30" + i + "\",\"quantity\":\"10\"}");
        }
        List<Long> placed = new ArrayList<>();
        for (JsonNode r : f.post(f.bravo, "/api/v1/orders/batch", "{\"orders\":[" + String.join(",", items) + "]}")
                .assertOk().json().path("results")) {
            placed.add(r.at("/ack/orderId").asLong());
        }
        List<Long> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        while (pages++ < 10) {
            JsonNode page = f.get(f.bravo, "/api/v1/orders?symbol=HIDX-USDC&limit=3" + cursor).assertOk().json();
            assertTrue(page.path("orders").size() <= 3);
            seen.addAll(ids(page));
            if (page.path("nextAfter").isNull()) {
                break;
            }
            cursor = "&after=" + page.path("nextAfter").asLong();
        }
        assertEquals(3, pages, "7 orders in pages of 3");
        assertEquals(placed, seen);
        f.get(f.bravo, "/api/v1/orders?limit=0").assertError(400, "INVALID_REQUEST");
        f.get(f.bravo, "/api/v1/orders?limit=501").assertError(400, "INVALID_REQUEST");
        f.get(f.bravo, "/api/v1/orders?page=2").assertError(400, "INVALID_REQUEST");

        JsonNode accounts = f.get(f.operator, "/api/v1/admin/accounts?limit=3").assertOk().json();
        assertEquals(3, accounts.path("accounts").size());
        assertEquals(3, accounts.path("nextOffset").asInt());
        JsonNode rest = f.get(f.operator, "/api/v1/admin/accounts?limit=3&offset=3").assertOk().json();
        assertEquals(1, rest.path("accounts").size());
        assertTrue(rest.path("nextOffset").isNull());
        f.send(f.bravo, "DELETE", "/api/v1/orders?symbol=HIDX-USDC", null).assertOk();
    }

    @Test
    void theDeadManSwitchIsArmedAndDisarmed() throws Exception {
        long deadline = f.send(f.alpha, "PUT", "/api/v1/cancel-after", "{\"timeoutMillis\":60000}").assertOk().json()
                .path("deadlineNanos").asLong();
        assertTrue(deadline > 0);
        assertEquals(0, f.send(f.alpha, "PUT", "/api/v1/cancel-after", "{\"timeoutMillis\":0}").assertOk().json()
                .path("deadlineNanos").asLong());
        f.send(f.alpha, "PUT", "/api/v1/cancel-after", "{\"timeoutMillis\":1000}").assertError(400, "INVALID_REQUEST");
    }

    @Test
    void marketDataAndAccountReadsAnswerFromTheEngine() throws Exception {
        JsonNode instruments = f.get(f.alpha, "/api/v1/instruments").assertOk().json().path("instruments");
        assertEquals(4, instruments.size());
        assertEquals("HYPE-USDC", instruments.at("/2/symbol").asText());
        assertEquals("0.001", instruments.at("/2/tickSize").asText());
        long id = f.post(f.alpha, "/api/v1/orders", RestFixture.hype("BUY", "29.4", "3", null)).assertOk().json()
                .path("orderId").asLong();
        JsonNode book = f.get(f.alpha, "/api/v1/instruments/HYPE-USDC/book?depth=5").assertOk().json();
        assertTrue(book.path("bids").size() >= 1 && book.path("bids").size() <= 5, book.toString());
        f.get(f.alpha, "/api/v1/instruments/NOPE-USDC/book").assertError(400, "UNKNOWN_INSTRUMENT");
        f.get(f.alpha, "/api/v1/instruments/HYPE-USDC/book?depth=1001").assertError(400, "INVALID_REQUEST");
        assertEquals("1000", f.get(f.alpha, "/api/v1/account/limits").assertOk().json().path("maxOpenOrders").asText());
        assertFalse(f.get(f.alpha, "/api/v1/account/fee-tier?symbol=HYPE-USDC").assertOk().json().path("tier").asText().isEmpty());
        assertTrue(f.get(f.alpha, "/api/v1/account/pnl").assertOk().json().has("totalPnl"));
        assertEquals("mm-alpha", f.get(f.alpha, "/api/v1/account/statement?from=2026-01-01&to=2026-01-31").assertOk().json()
                .path("account").asText());
        f.get(f.alpha, "/api/v1/account/statement?from=2026-02-01&to=2026-01-01").assertError(400, "INVALID_REQUEST");
        f.send(f.alpha, "DELETE", "/api/v1/orders/" + id, null).assertOk();
    }

    @Test
    void operatorsHaltInstrumentsAndKillAccounts() throws Exception {
        f.send(f.operator, "PUT", "/api/v1/admin/instruments/HIDX-USDC/status", "{\"status\":\"HALTED\"}").assertOk();
        f.post(f.alpha, "/api/v1/orders", "{\"symbol\":\"HIDX-USDC\",\"side\":\"BUY\",\"price\":\"1.2\",\"quantity\":\"10\"}")
                .assertError(409, "INSTRUMENT_HALTED");
        f.send(f.operator, "PUT", "/api/v1/admin/instruments/HIDX-USDC/status", "{\"status\":\"TRADING\"}").assertOk();

        Ed25519Key charlie = Ed25519Key.fromSeedHex(f.server.demoCredentials().accounts().get(2).ed25519SeedHex());
        f.post(f.operator, "/api/v1/admin/kill-switch", "{\"scope\":\"ACCOUNT\",\"target\":\"mm-charlie\",\"on\":true}").assertOk();
        f.post(charlie, "/api/v1/orders", RestFixture.hype("BUY", "29.1", "1", null)).assertError(409, "KILL_SWITCH_ACTIVE");
        f.post(charlie, "/api/v1/account/kill-switch", "{\"on\":false}").assertError(403, "NOT_PERMITTED");
        f.post(f.operator, "/api/v1/admin/kill-switch", "{\"scope\":\"ACCOUNT\",\"target\":\"mm-charlie\",\"on\":false}").assertOk();
        long id = f.post(charlie, "/api/v1/orders", RestFixture.hype("BUY", "29.1", "1", null)).assertOk().json().path("orderId").asLong();
        f.send(charlie, "DELETE", "/api/v1/orders/" + id, null).assertOk();

        assertTrue(f.send(f.operator, "PUT", "/api/v1/admin/accounts/mm-charlie/limits", "{\"maxOpenOrders\":1}").assertOk()
                .json().path("sequence").asLong() > 0);
        f.post(charlie, "/api/v1/orders", RestFixture.hype("BUY", "29.1", "1", null)).assertOk();
        f.post(charlie, "/api/v1/orders", RestFixture.hype("BUY", "29.2", "1", null)).assertError(409, "OPEN_ORDERS_LIMIT");
        f.send(charlie, "DELETE", "/api/v1/orders", null).assertOk();
        f.send(f.operator, "PUT", "/api/v1/admin/accounts/nobody/limits", "{}").assertError(404, "UNKNOWN_ACCOUNT");
        f.post(f.operator, "/api/v1/admin/kill-switch", "{\"scope\":\"EVERYTHING\",\"on\":true}").assertError(400, "INVALID_REQUEST");
        assertNotEquals(0, f.get(f.operator, "/api/v1/admin/accounts").assertOk().json().path("accounts").size());

        // a fee-tier override: charlie's fills are priced at tier3 until cleared
        f.send(f.operator, "PUT", "/api/v1/admin/accounts/mm-charlie/fee-tier", "{\"tier\":\"tier3\"}").assertOk();
        JsonNode tier = f.get(charlie, "/api/v1/account/fee-tier?symbol=HYPE-USDC").assertOk().json();
        assertEquals("override", tier.path("ratesSource").asText(), tier.toString());
        f.send(f.operator, "PUT", "/api/v1/admin/accounts/mm-charlie/fee-tier", "{\"tier\":\"platinum\"}")
                .assertError(404, "UNKNOWN_FEE_TIER");
        f.send(charlie, "PUT", "/api/v1/admin/accounts/mm-charlie/fee-tier", "{\"tier\":\"\"}").assertError(403, "NOT_PERMITTED");
        f.send(f.operator, "PUT", "/api/v1/admin/accounts/mm-charlie/fee-tier", "{\"tier\":\"\"}").assertOk();
        assertEquals("tier", f.get(charlie, "/api/v1/account/fee-tier?symbol=HYPE-USDC").assertOk().json()
                .path("ratesSource").asText());
    }

    static void assertDecimal(String expected, JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.asText())), expected + " vs " + actual);
    }

    static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        for (JsonNode o : page.path("orders")) {
            out.add(o.path("orderId").asLong());
        }
        return out;
    }
}
