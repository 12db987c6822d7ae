"""Hyperliquid's public Python SDK against the sandbox's /hl dialect, as a partner's bot uses it."""
import time

from eth_account import Account
from hyperliquid.exchange import Exchange
from hyperliquid.info import Info
from hyperliquid.utils.types import Cloid


def clients(gateway, name):
    base, accounts = gateway
    agent = Account.from_key(accounts[name]["hlAgentPrivateKey"])
    return Info(base, skip_ws=True), Exchange(agent, base), agent.address


def statuses(response):
    assert response["status"] == "ok", response
    return response["response"]["data"]["statuses"]


def test_meta_and_book_read_like_hyperliquid(gateway):
    info, _, _ = clients(gateway, "mm-charlie")
    names = [a["name"] for a in info.meta()["universe"]]
    assert names == ["BTC", "ETH", "HYPE", "HIDX"]
    assert info.name_to_asset("HYPE") == 2
    assert set(info.all_mids()) == set(names)
    book = info.l2_snapshot("ETH")
    assert book["coin"] == "ETH" and len(book["levels"]) == 2


def test_alo_gtc_ioc_modify_and_cancels(gateway):
    info, alpha, alpha_addr = clients(gateway, "mm-alpha")
    _, bravo, _ = clients(gateway, "mm-bravo")

    # ALO rests; an ALO that would cross is refused with Hyperliquid's message
    bid = statuses(alpha.order("HYPE", True, 10, 29.5, {"limit": {"tif": "Alo"}}))[0]["resting"]["oid"]
    crossing = statuses(bravo.order("HYPE", False, 1, 29.5, {"limit": {"tif": "Alo"}}))[0]
    assert crossing["error"].startswith("Post only order would have immediately matched"), crossing

    # IOC takes part of the bid; the SDK reads the fill
    filled = statuses(bravo.order("HYPE", False, 4, 29.5, {"limit": {"tif": "Ioc"}}))[0]["filled"]
    assert filled["totalSz"] == "4" and filled["avgPx"] == "29.5"
    fills = info.user_fills(alpha_addr)
    assert fills[0]["coin"] == "HYPE" and fills[0]["side"] == "B" and fills[0]["sz"] == "4"
    assert float(fills[0]["fee"]) < 0, "the maker earned a rebate"
    positions = info.user_state(alpha_addr)["assetPositions"]
    assert any(p["position"]["coin"] == "HYPE" and p["position"]["szi"] == "4" for p in positions)

    # GTC with a cloid, modify it, then cancel by cloid and by oid
    cloid = Cloid.from_int(7)
    ask = statuses(alpha.order("HYPE", False, 2, 31, {"limit": {"tif": "Gtc"}}, cloid=cloid))[0]["resting"]["oid"]
    assert info.query_order_by_cloid(alpha_addr, cloid)["order"]["status"] == "open"
    modified = alpha.modify_order(ask, "HYPE", False, 3, 31.5, {"limit": {"tif": "Gtc"}}, cloid=cloid)
    assert modified["status"] == "ok", modified
    open_orders = {o["oid"]: o for o in info.open_orders(alpha_addr)}
    assert open_orders[ask]["limitPx"] == "31.5" and open_orders[ask]["sz"] == "3"
    assert statuses(alpha.cancel_by_cloid("HYPE", cloid)) == ["success"]
    assert statuses(alpha.cancel("HYPE", bid)) == ["success"]
    again = statuses(alpha.cancel("HYPE", bid))[0]
    assert again["error"] == "Order was never placed, already canceled, or filled."
    assert info.open_orders(alpha_addr) == []


def test_bulk_orders_are_judged_one_by_one(gateway):
    _, alpha, _ = clients(gateway, "mm-alpha")
    orders = [
        {"coin": "ETH", "is_buy": True, "sz": 0.1, "limit_px": 3400, "order_type": {"limit": {"tif": "Gtc"}},
         "reduce_only": False},
        {"coin": "ETH", "is_buy": True, "sz": 0.1, "limit_px": 3400.123, "order_type": {"limit": {"tif": "Gtc"}},
         "reduce_only": False},
        {"coin": "ETH", "is_buy": False, "sz": 0.1, "limit_px": 3600, "order_type": {"limit": {"tif": "Alo"}},
         "reduce_only": False},
    ]
    result = statuses(alpha.bulk_orders(orders))
    assert "resting" in result[0] and "resting" in result[2], result
    assert result[1]["error"] == "Price must be divisible by tick size.", result
    for s in (result[0], result[2]):
        assert statuses(alpha.cancel("ETH", s["resting"]["oid"])) == ["success"]


def test_schedule_cancel_and_leverage(gateway):
    _, alpha, _ = clients(gateway, "mm-alpha")
    armed = alpha.schedule_cancel(int(time.time() * 1000) + 30_000)
    assert armed["status"] == "ok", armed
    assert alpha.schedule_cancel(None)["status"] == "ok"
    assert alpha.update_leverage(5, "HYPE")["status"] == "ok"


def test_an_unknown_wallet_is_refused(gateway):
    base, _ = gateway
    stranger = Exchange(Account.from_key("0x" + "22" * 32), base)
    refused = stranger.order("HYPE", True, 1, 29, {"limit": {"tif": "Gtc"}})
    assert refused["status"] == "err" and "does not exist" in refused["response"], refused


def test_websocket_pushes_own_fills_books_and_trades(gateway):
    import queue
    base, accounts = gateway
    _, alpha, alpha_addr = clients(gateway, "mm-alpha")
    _, bravo, _ = clients(gateway, "mm-bravo")
    ws_info = Info(base, skip_ws=False)
    try:
        fills, books, trades, updates = queue.Queue(), queue.Queue(), queue.Queue(), queue.Queue()
        ws_info.subscribe({"type": "userFills", "user": alpha_addr}, fills.put)
        ws_info.subscribe({"type": "l2Book", "coin": "HIDX"}, books.put)
        ws_info.subscribe({"type": "trades", "coin": "HIDX"}, trades.put)
        ws_info.subscribe({"type": "orderUpdates", "user": alpha_addr}, updates.put)
        snapshot = fills.get(timeout=20)["data"]
        assert snapshot["isSnapshot"] is True and snapshot["user"] == alpha_addr.lower()
        assert books.get(timeout=20)["data"]["coin"] == "HIDX"

        oid = statuses(alpha.order("HIDX", True, 100, 1.2, {"limit": {"tif": "Gtc"}}))[0]["resting"]["oid"]
        opened = updates.get(timeout=20)["data"][0]
        assert opened["order"]["oid"] == oid and opened["status"] == "open"
        deadline = time.time() + 20
        while True:  # the book is pushed again once it holds the new bid
            levels = books.get(timeout=20)["data"]["levels"]
            if levels[0] and levels[0][0]["px"] == "1.2":
                break
            assert time.time() < deadline
        filled = statuses(bravo.order("HIDX", False, 40, 1.2, {"limit": {"tif": "Ioc"}}))[0]["filled"]
        assert filled["totalSz"] == "40"
        pushed = fills.get(timeout=20)["data"]
        assert pushed["fills"][0]["oid"] == oid and pushed["fills"][0]["sz"] == "40" and not pushed["fills"][0]["crossed"]
        trade = trades.get(timeout=20)["data"][0]
        assert trade["coin"] == "HIDX" and trade["px"] == "1.2" and trade["side"] == "A"
        assert statuses(alpha.cancel("HIDX", oid)) == ["success"]
    finally:
        ws_info.disconnect_websocket()
