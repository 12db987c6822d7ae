package io.hyperindex.bench;

import io.hyperindex.gateway.book.MatchListener;
import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.book.OrderBook;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The order book alone, on one thread, in exchange-core's mix ({@link Workload}): each
 * invocation replays {@value #MIX} commands on a book that the setup filled to ~1,000 resting
 * orders. Commands are decoded into primitive arrays first, so the loop measures the book,
 * not command dispatch. The tear-down checks the replay traded exactly as the generator's
 * shadow engine did, so a fast but wrong book cannot report a number.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class OrderBookBenchmark {
    static final int MIX = 1_000_000;
    private static final byte PLACE = 0, CANCEL = 1, AMEND = 2;

    private long expectedTrades;
    private int prefix;
    private byte[] op;
    private long[] id;
    private int[] account;
    private Side[] side;
    private long[] price;
    private long[] qty;
    private TimeInForce[] tif;
    private int maxId;

    private Order[] orders;
    private OrderBook book;
    private CountingListener listener;

    @Setup(Level.Trial)
    public void generate() {
        Workload w = Workload.generate(42, 1, 200, 1_000, MIX);
        expectedTrades = w.stats().trades();
        prefix = w.prefix().size();
        int n = prefix + w.mix().size();
        op = new byte[n];
        id = new long[n];
        account = new int[n];
        side = new Side[n];
        price = new long[n];
        qty = new long[n];
        tif = new TimeInForce[n];
        int i = 0;
        for (List<Command> part : List.of(w.prefix(), w.mix())) {
            for (Command c : part) {
                if (c instanceof Command.PlaceOrder p) {
                    op[i] = PLACE;
                    id[i] = w.placedOrderId(i);
                    account[i] = p.account();
                    side[i] = p.side();
                    price[i] = p.price();
                    qty[i] = p.quantity();
                    tif[i] = p.timeInForce();
                } else if (c instanceof Command.CancelOrder x) {
                    op[i] = CANCEL;
                    id[i] = x.orderId();
                } else if (c instanceof Command.AmendOrder a) {
                    op[i] = AMEND;
                    id[i] = a.orderId();
                    price[i] = a.newPrice();
                    qty[i] = a.newQuantity();
                } else {
                    throw new IllegalStateException("unexpected command in the book mix: " + c);
                }
                maxId = (int) Math.max(maxId, id[i]);
                i++;
            }
        }
        System.out.println("\nworkload: " + w.stats());
    }

    @Setup(Level.Invocation)
    public void freshBook() {
        listener = new CountingListener();
        book = new OrderBook(0, listener);
        orders = new Order[maxId + 1];
        for (int k = 1; k <= maxId; k++) {
            orders[k] = new Order();
        }
        run(0, prefix);
        listener.trades = 0;
    }

    @Benchmark
    @OperationsPerInvocation(MIX)
    public long mix() {
        run(prefix, op.length);
        return listener.sink;
    }

    @TearDown(Level.Invocation)
    public void check() {
        if (listener.trades != expectedTrades) {
            throw new IllegalStateException("book replay made " + listener.trades + " trades, the shadow engine "
                    + expectedTrades);
        }
    }

    private void run(int from, int to) {
        for (int i = from; i < to; i++) {
            Order o = orders[(int) id[i]];
            switch (op[i]) {
                case PLACE -> {
                    o.init(id[i], account[i], 0, null, side[i], price[i], qty[i], 0, tif[i],
                            SelfTradePrevention.CANCEL_TAKER, i);
                    book.enter(o, false);
                }
                case CANCEL -> book.cancel(o, ReasonCode.USER_CANCELLED);
                default -> book.amend(o, price[i], qty[i]);
            }
        }
    }

    /** Counts trades and folds every callback into a sink the JIT cannot drop. */
    private static final class CountingListener implements MatchListener {
        long trades;
        long sink;

        @Override
        public void onTrade(Order maker, Order taker, long price, long qty) {
            trades++;
            sink += price ^ qty;
        }

        @Override
        public void onCancelled(Order order, long cancelledQty, ReasonCode reason) {
            sink += cancelledQty;
        }

        @Override
        public void onLevelChanged(int instrument, Side side, long price, long total) {
            sink += total;
        }

        @Override
        public long reduceOnlyLimit(Order order) {
            return 0;
        }
    }
}
