package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Instruments, accounts and a seeded stream of mixed (good and bad) commands for engine tests. */
public final class TestMarkets {
    private TestMarkets() {
    }

    /** Three instruments: BTC-like (tick 0.10 = 10 units, lot 0.0001), a small-price index (tick 0.01, lot 1), ETH-like (lot 0.010 = 10 units). */
    public static List<Instrument> instruments() {
        return List.of(
                new Instrument(0, "BTC-USDC", 2, 4, 10, 1, 10 * 100_000_000L, 1_000_000, 1_000, 200, 9_500_000),
                new Instrument(1, "HIDX-USDC", 2, 0, 1, 1, 100_000_000L, 1_000_000, 1_000, 200, 1_000),
                new Instrument(2, "ETH-USDC", 2, 3, 1, 10, 10 * 100_000_000L, 1_000_000, 1_000, 200, 350_000));
    }

    public static List<String> accounts() {
        return List.of("mm-alpha", "mm-bravo", "mm-charlie", "venue-mm");
    }

    /** A seeded generator of commands around the reference prices, including invalid ones. */
    public static final class Generator {
        private final SplittableRandom rnd;
        private final List<Instrument> instruments;
        private final int accounts;
        private long maxOrderId = 1;
        private int clientSeq;
        private long placed;

        public Generator(long seed, List<Instrument> instruments, int accounts) {
            this.rnd = new SplittableRandom(seed);
            this.instruments = instruments;
            this.accounts = accounts;
        }

        /** Tell the generator how far order ids have got, so cancels and amends hit live orders. */
        public void sawOrderId(long id) {
            maxOrderId = Math.max(maxOrderId, id);
        }

        public Command next() {
            int r = rnd.nextInt(100);
            int account = rnd.nextInt(accounts);
            Instrument ins = instruments.get(rnd.nextInt(instruments.size()));
            long ref = ins.referencePrice();
            long price = ref + (rnd.nextInt(41) - 20) * ins.tick();
            long qty = (1 + rnd.nextInt(20)) * ins.lot() * Math.max(1, ins.minNotional() / ins.notional(ref, ins.lot()));
            String cl = rnd.nextInt(3) == 0 ? null : "c" + (clientSeq++ % 5000);
            Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
            if (r < 55) {
                placed++; // an upper bound for the order ids handed out so far
            }
            if (r < 45) {
                int flags = rnd.nextInt(8) == 0 ? OrderFlags.POST_ONLY : 0;
                if (rnd.nextInt(4) == 0) {
                    flags |= OrderFlags.MMP;
                }
                return new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.LIMIT, TimeInForce.GTC, price, qty,
                        flags, null, rnd.nextInt(3));
            }
            if (r < 52) {
                return new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.LIMIT,
                        rnd.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK, price, qty,
                        rnd.nextInt(4) == 0 ? OrderFlags.REDUCE_ONLY : 0,
                        SelfTradePrevention.values()[rnd.nextInt(3)]);
            }
            if (r < 55) {
                return new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.MARKET, TimeInForce.IOC, 0, qty, 0, null);
            }
            long top = Math.max(maxOrderId, placed);
            long target = Math.max(1, top - rnd.nextInt((int) Math.min(top, 300)));
            if (r < 72) {
                return new Command.CancelOrder(account, target, null);
            }
            if (r < 90) {
                return new Command.AmendOrder(account, target, null, rnd.nextBoolean() ? price : ref, qty);
            }
            if (r < 91) {
                return new Command.MassCancel(account, rnd.nextBoolean() ? ins.id() : -1, rnd.nextBoolean() ? side : null);
            }
            if (r < 92) {
                return new Command.SetInstrumentStatus(ins.id(), rnd.nextInt(4) == 0 ? InstrumentStatus.HALTED : InstrumentStatus.TRADING);
            }
            if (r < 94) {
                return riskCommand(account, ins);
            }
            // bad input of every kind
            return switch (rnd.nextInt(8)) {
                case 0 -> new Command.PlaceOrder(account, 99, cl, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
                case 1 -> new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.LIMIT, TimeInForce.GTC, price, -qty, 0, null);
                case 2 -> new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.LIMIT, TimeInForce.GTC, price * 10 + 1, qty, 0, null);
                case 3 -> new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.LIMIT, TimeInForce.GTC, price, 0, 0, null);
                case 4 -> new Command.PlaceOrder(42, ins.id(), cl, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
                case 5 -> new Command.CancelOrder(account, 0, "never-used");
                case 6 -> new Command.PlaceOrder(account, ins.id(), cl, side, OrderType.LIMIT, TimeInForce.GTC, ref * 3, qty, 0, null);
                default -> new Command.AmendOrder(account, target, null, price, 0);
            };
        }

        /** Risk and protection commands, so replay covers their state too. */
        private Command riskCommand(int account, Instrument ins) {
            int n = instruments.size();
            return switch (rnd.nextInt(7)) {
                case 0 -> {
                    long[] q = new long[n], l = new long[n], s = new long[n];
                    java.util.Arrays.fill(q, 1_000 + rnd.nextInt(100_000));
                    java.util.Arrays.fill(l, 50 + rnd.nextInt(5_000));
                    java.util.Arrays.fill(s, 50 + rnd.nextInt(5_000));
                    yield new Command.SetRiskLimits(account, new io.hyperindex.gateway.domain.RiskLimits(
                            20 + rnd.nextInt(200), 10 + rnd.nextInt(100), io.hyperindex.gateway.domain.RiskLimits.UNLIMITED,
                            q, l, s, io.hyperindex.gateway.domain.RiskLimits.UNLIMITED,
                            io.hyperindex.gateway.domain.RiskLimits.UNLIMITED, 1_000L * 100_000_000L), "gen");
                }
                case 1 -> new Command.KillSwitch(Command.KillScope.ACCOUNT, account, rnd.nextInt(3) == 0, rnd.nextBoolean(), "gen");
                case 2 -> new Command.SetCancelAfter(account, rnd.nextBoolean() ? 0 : 5_000 + rnd.nextInt(10_000));
                case 3 -> new Command.SessionClosed(account, rnd.nextInt(3), rnd.nextInt(4) == 0);
                case 4 -> new Command.SetMmp(account, new io.hyperindex.gateway.domain.MmpConfig("g", new int[]{ins.id()},
                        1_000 + rnd.nextInt(10_000), 1_000L * 100_000_000L, 500L * 100_000_000L, rnd.nextInt(3) * 1_000L));
                case 5 -> new Command.ResetMmp(account, "g");
                default -> new Command.KillSwitch(Command.KillScope.INSTRUMENT, ins.id(), rnd.nextInt(3) == 0, false, "gen");
            };
        }
    }

    /** Convenience: n commands from a seed. */
    public static List<Command> commands(long seed, int n) {
        Generator g = new Generator(seed, instruments(), accounts().size());
        List<Command> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(g.next());
        }
        return out;
    }
}
