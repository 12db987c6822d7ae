package io.hyperindex.gateway.journal;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of one journal record's payload: the command's timestamp, the command and
 * the events it produced (market-data events are left out: replay rebuilds them). Reason
 * codes are written as their stable number; other enums as their ordinal, so new constants of
 * those may only be appended.
 */
public final class JournalCodec {
    private static final byte PLACE = 1, CANCEL = 2, AMEND = 3, MASS_CANCEL = 4, SET_STATUS = 5, TICK = 6,
            SET_LIMITS = 7, KILL_SWITCH = 8, CANCEL_AFTER = 9, SESSION_CLOSED = 10,
            SET_MMP = 11, RESET_MMP = 12, SET_MARK = 13,
            VENUE_ACKED = 14, VENUE_REJECTED = 15, VENUE_FILL = 16, VENUE_DONE = 17,
            SET_FEE_TIER = 40;
    private static final byte ACCEPTED = 1, REJECTED = 2, TRADE = 3, CANCELLED = 4, AMENDED = 5, STATUS_CHANGED = 6,
            TIER_CHANGED = 7, INCENTIVE_GRANTED = 8,
            RISK_ALERT = 9, LIMITS_CHANGED = 10, KILL_CHANGED = 11, CANCEL_AFTER_SET = 12,
            MMP_TRIGGERED = 13, MMP_CHANGED = 14, BREAKER_TRIPPED = 15,
            EV_VENUE_ACKED = 16, EV_VENUE_CANCEL_REQUESTED = 17, EV_VENUE_REJECTED = 18;
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();
    private static final SelfTradePrevention[] STPS = SelfTradePrevention.values();
    private static final InstrumentStatus[] STATUSES = InstrumentStatus.values();
    private static final Command.KillScope[] SCOPES = Command.KillScope.values();
    private static final io.hyperindex.gateway.domain.CircuitBreakerRule.Action[] ACTIONS =
            io.hyperindex.gateway.domain.CircuitBreakerRule.Action.values();

    private ByteBuffer buf = ByteBuffer.allocate(4096);

    /** A decoded record payload. */
    public record Entry(long timestamp, Command command, List<EngineEvent> events) {
    }

    /**
     * Encodes into this codec's reusable buffer and returns it flipped for reading; valid until
     * the next call.
     */
    public ByteBuffer encode(long timestamp, Command command, List<EngineEvent> events) {
        while (true) {
            buf.clear();
            try {
                buf.putLong(timestamp);
                putCommand(command);
                int countAt = buf.position();
                buf.putInt(0);
                int n = 0;
                for (int i = 0; i < events.size(); i++) {
                    EngineEvent e = events.get(i);
                    if (!e.isMarketData()) {
                        putEvent(e);
                        n++;
                    }
                }
                buf.putInt(countAt, n);
                return buf.flip();
            } catch (java.nio.BufferOverflowException full) {
                buf = ByteBuffer.allocate(buf.capacity() * 2);
            }
        }
    }

    private void putCommand(Command c) {
        if (c instanceof Command.PlaceOrder p) {
            buf.put(PLACE).putInt(p.account()).putInt(p.instrument());
            putString(p.clientOrderId());
            buf.put(ord(p.side())).put(ord(p.type())).put(ord(p.timeInForce()))
                    .putLong(p.price()).putLong(p.quantity()).putInt(p.flags()).put(ord(p.selfTradePrevention()))
                    .putLong(p.session());
        } else if (c instanceof Command.CancelOrder x) {
            buf.put(CANCEL).putInt(x.account()).putLong(x.orderId());
            putString(x.clientOrderId());
        } else if (c instanceof Command.AmendOrder a) {
            buf.put(AMEND).putInt(a.account()).putLong(a.orderId());
            putString(a.clientOrderId());
            buf.putLong(a.newPrice()).putLong(a.newQuantity());
        } else if (c instanceof Command.MassCancel m) {
            buf.put(MASS_CANCEL).putInt(m.account()).putInt(m.instrument()).put(ord(m.side()));
        } else if (c instanceof Command.SetInstrumentStatus s) {
            buf.put(SET_STATUS).putInt(s.instrument()).put(ord(s.status()));
        } else if (c instanceof Command.Tick) {
            buf.put(TICK);
        } else if (c instanceof Command.SetRiskLimits l) {
            buf.put(SET_LIMITS).putInt(l.account());
            putLimits(l.limits());
            putString(l.actor());
        } else if (c instanceof Command.KillSwitch k) {
            buf.put(KILL_SWITCH).put(ord(k.scope())).putInt(k.target()).put((byte) (k.on() ? 1 : 0))
                    .put((byte) (k.flatten() ? 1 : 0));
            putString(k.actor());
        } else if (c instanceof Command.SetCancelAfter a) {
            buf.put(CANCEL_AFTER).putInt(a.account()).putLong(a.timeoutMillis());
        } else if (c instanceof Command.SessionClosed x) {
            buf.put(SESSION_CLOSED).putInt(x.account()).putLong(x.session()).put((byte) (x.accountScope() ? 1 : 0));
        } else if (c instanceof Command.SetMmp m) {
            buf.put(SET_MMP).putInt(m.account());
            putMmp(m.config());
        } else if (c instanceof Command.ResetMmp r) {
            buf.put(RESET_MMP).putInt(r.account());
            putString(r.group());
        } else if (c instanceof Command.SetMarkPrice m) {
            buf.put(SET_MARK).putInt(m.instrument()).putLong(m.price());
        } else if (c instanceof Command.SetFeeTierOverride o) {
            buf.put(SET_FEE_TIER).putInt(o.account());
            putString(o.tier());
            buf.putLong(o.untilMillis());
            putString(o.actor());
        } else if (c instanceof Command.VenueOrderAcked a) {
            buf.put(VENUE_ACKED).putLong(a.orderId()).putLong(a.venueOrderId());
        } else if (c instanceof Command.VenueOrderRejected r) {
            buf.put(VENUE_REJECTED).putLong(r.orderId());
            putString(r.error());
        } else if (c instanceof Command.VenueFill f) {
            buf.put(VENUE_FILL).putLong(f.orderId()).putLong(f.venueTradeId()).putLong(f.price()).putLong(f.quantity())
                    .put((byte) (f.maker() ? 1 : 0)).putLong(f.venueTimeMillis());
        } else if (c instanceof Command.VenueOrderDone d) {
            buf.put(VENUE_DONE).putLong(d.orderId()).putLong(d.venueFilledQuantity());
        } else {
            throw new IllegalArgumentException("no encoding for " + c);
        }
    }

    private void putEvent(EngineEvent e) {
        if (e instanceof EngineEvent.OrderAccepted a) {
            buf.put(ACCEPTED).putLong(a.orderId()).putInt(a.account()).putInt(a.instrument());
            putString(a.clientOrderId());
            buf.put(ord(a.side())).put(ord(a.type())).put(ord(a.timeInForce())).putLong(a.price())
                    .putLong(a.quantity()).putInt(a.flags()).put(ord(a.selfTradePrevention())).putLong(a.timestamp());
        } else if (e instanceof EngineEvent.OrderRejected r) {
            buf.put(REJECTED).putInt(r.account()).putInt(r.instrument());
            putString(r.clientOrderId());
            buf.putLong(r.orderId());
            putString(r.commandType());
            buf.putShort((short) r.reason().number());
        } else if (e instanceof EngineEvent.TradeExecuted t) {
            buf.put(TRADE).putLong(t.tradeId()).putInt(t.instrument()).putLong(t.price()).putLong(t.quantity())
                    .put(ord(t.takerSide()))
                    .putLong(t.makerOrderId()).putInt(t.makerAccount()).putLong(t.makerRemaining())
                    .putLong(t.makerFee()).putLong(t.makerFeeRate());
            putString(t.makerTier());
            buf.putLong(t.takerOrderId()).putInt(t.takerAccount()).putLong(t.takerRemaining())
                    .putLong(t.takerFee()).putLong(t.takerFeeRate());
            putString(t.takerTier());
            buf.putLong(t.notional()).putLong(t.timestamp());
        } else if (e instanceof EngineEvent.OrderCancelled c) {
            buf.put(CANCELLED).putLong(c.orderId()).putInt(c.account()).putInt(c.instrument());
            putString(c.clientOrderId());
            buf.putLong(c.cancelledQuantity()).putLong(c.filledQuantity()).putShort((short) c.reason().number());
        } else if (e instanceof EngineEvent.OrderAmended a) {
            buf.put(AMENDED).putLong(a.orderId()).putInt(a.account()).putInt(a.instrument()).putLong(a.price())
                    .putLong(a.quantity()).putLong(a.remaining()).put((byte) (a.keptPriority() ? 1 : 0));
        } else if (e instanceof EngineEvent.InstrumentStatusChanged s) {
            buf.put(STATUS_CHANGED).putInt(s.instrument()).put(ord(s.status()));
        } else if (e instanceof EngineEvent.FeeTierChanged f) {
            buf.put(TIER_CHANGED).putInt(f.account());
            putString(f.fromTier());
            putString(f.toTier());
            buf.putLong(f.volume30d()).putLong(f.timestamp());
        } else if (e instanceof EngineEvent.IncentiveGranted g) {
            buf.put(INCENTIVE_GRANTED).putInt(g.account());
            putString(g.month());
            buf.putLong(g.volume()).putLong(g.tokens()).putLong(g.timestamp());
        } else if (e instanceof EngineEvent.RiskAlert a) {
            buf.put(RISK_ALERT).putInt(a.account());
            putString(a.limit());
            buf.putInt(a.level()).putLong(a.used()).putLong(a.max()).putLong(a.timestamp());
        } else if (e instanceof EngineEvent.RiskLimitsChanged l) {
            buf.put(LIMITS_CHANGED).putInt(l.account());
            putLimits(l.before());
            putLimits(l.after());
            putString(l.actor());
            buf.putLong(l.timestamp());
        } else if (e instanceof EngineEvent.KillSwitchChanged k) {
            buf.put(KILL_CHANGED).put(ord(k.scope())).putInt(k.target()).put((byte) (k.on() ? 1 : 0));
            putString(k.actor());
            buf.putLong(k.timestamp());
        } else if (e instanceof EngineEvent.CancelAfterSet a) {
            buf.put(CANCEL_AFTER_SET).putInt(a.account()).putLong(a.deadline()).putLong(a.timestamp());
        } else if (e instanceof EngineEvent.MmpTriggered m) {
            buf.put(MMP_TRIGGERED).putInt(m.account());
            putString(m.group());
            buf.putLong(m.frozenUntil()).putLong(m.timestamp());
        } else if (e instanceof EngineEvent.MmpChanged m) {
            buf.put(MMP_CHANGED).putInt(m.account());
            putString(m.group());
            buf.put((byte) (m.config() == null ? 0 : 1));
            if (m.config() != null) {
                putMmp(m.config());
            }
            buf.putLong(m.timestamp());
        } else if (e instanceof EngineEvent.CircuitBreakerTripped b) {
            buf.put(BREAKER_TRIPPED).putInt(b.instrument()).putInt(b.rule()).putLong(b.moveBps()).put(ord(b.action()))
                    .putLong(b.until()).putLong(b.timestamp());
        } else if (e instanceof EngineEvent.VenueOrderAcked a) {
            buf.put(EV_VENUE_ACKED).putLong(a.orderId()).putInt(a.account()).putInt(a.instrument())
                    .putLong(a.venueOrderId()).putLong(a.timestamp());
        } else if (e instanceof EngineEvent.VenueCancelRequested c) {
            buf.put(EV_VENUE_CANCEL_REQUESTED).putLong(c.orderId()).putInt(c.account()).putInt(c.instrument());
            putString(c.clientOrderId());
            buf.putShort((short) c.reason().number()).putLong(c.timestamp());
        } else if (e instanceof EngineEvent.VenueOrderRejected r) {
            buf.put(EV_VENUE_REJECTED).putLong(r.orderId()).putInt(r.account()).putInt(r.instrument());
            putString(r.clientOrderId());
            putString(r.error());
            buf.putLong(r.timestamp());
        } else {
            throw new IllegalArgumentException("no encoding for " + e);
        }
    }

    /** Decodes a payload written by {@link #encode}. */
    public static Entry decode(ByteBuffer in) {
        long ts = in.getLong();
        Command c = getCommand(in);
        int n = in.getInt();
        List<EngineEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(getEvent(in));
        }
        return new Entry(ts, c, events);
    }

    private static Command getCommand(ByteBuffer in) {
        byte type = in.get();
        switch (type) {
            case PLACE: {
                int account = in.getInt();
                int instrument = in.getInt();
                String cl = getString(in);
                Side side = get(SIDES, in.get());
                OrderType ot = get(TYPES, in.get());
                TimeInForce tif = get(TIFS, in.get());
                long price = in.getLong();
                long qty = in.getLong();
                int flags = in.getInt();
                SelfTradePrevention stp = get(STPS, in.get());
                return new Command.PlaceOrder(account, instrument, cl, side, ot, tif, price, qty, flags, stp, in.getLong());
            }
            case CANCEL:
                return new Command.CancelOrder(in.getInt(), in.getLong(), getString(in));
            case AMEND: {
                int account = in.getInt();
                long id = in.getLong();
                String cl = getString(in);
                return new Command.AmendOrder(account, id, cl, in.getLong(), in.getLong());
            }
            case MASS_CANCEL:
                return new Command.MassCancel(in.getInt(), in.getInt(), get(SIDES, in.get()));
            case SET_STATUS:
                return new Command.SetInstrumentStatus(in.getInt(), get(STATUSES, in.get()));
            case TICK:
                return new Command.Tick();
            case SET_LIMITS: {
                int account = in.getInt();
                var limits = getLimits(in);
                return new Command.SetRiskLimits(account, limits, getString(in));
            }
            case KILL_SWITCH: {
                Command.KillScope scope = get(SCOPES, in.get());
                int target = in.getInt();
                boolean on = in.get() == 1;
                boolean flatten = in.get() == 1;
                return new Command.KillSwitch(scope, target, on, flatten, getString(in));
            }
            case CANCEL_AFTER:
                return new Command.SetCancelAfter(in.getInt(), in.getLong());
            case SESSION_CLOSED:
                return new Command.SessionClosed(in.getInt(), in.getLong(), in.get() == 1);
            case SET_MMP:
                return new Command.SetMmp(in.getInt(), getMmp(in));
            case RESET_MMP:
                return new Command.ResetMmp(in.getInt(), getString(in));
            case SET_MARK:
                return new Command.SetMarkPrice(in.getInt(), in.getLong());
            case SET_FEE_TIER: {
                int account = in.getInt();
                String tier = getString(in);
                long until = in.getLong();
                return new Command.SetFeeTierOverride(account, tier, until, getString(in));
            }
            case VENUE_ACKED:
                return new Command.VenueOrderAcked(in.getLong(), in.getLong());
            case VENUE_REJECTED:
                return new Command.VenueOrderRejected(in.getLong(), getString(in));
            case VENUE_FILL:
                return new Command.VenueFill(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.get() == 1,
                        in.getLong());
            case VENUE_DONE:
                return new Command.VenueOrderDone(in.getLong(), in.getLong());
            default:
                throw new IllegalStateException("unknown command type " + type);
        }
    }

    private static EngineEvent getEvent(ByteBuffer in) {
        byte type = in.get();
        switch (type) {
            case ACCEPTED: {
                long id = in.getLong();
                int account = in.getInt();
                int instrument = in.getInt();
                String cl = getString(in);
                return new EngineEvent.OrderAccepted(id, account, instrument, cl, get(SIDES, in.get()),
                        get(TYPES, in.get()), get(TIFS, in.get()), in.getLong(), in.getLong(), in.getInt(),
                        get(STPS, in.get()), in.getLong());
            }
            case REJECTED: {
                int account = in.getInt();
                int instrument = in.getInt();
                String cl = getString(in);
                long id = in.getLong();
                String what = getString(in);
                return new EngineEvent.OrderRejected(account, instrument, cl, id, what, reason(in.getShort()));
            }
            case TRADE: {
                long tradeId = in.getLong();
                int instrument = in.getInt();
                long price = in.getLong();
                long qty = in.getLong();
                Side side = get(SIDES, in.get());
                long mo = in.getLong();
                int ma = in.getInt();
                long mr = in.getLong();
                long mf = in.getLong();
                long mrate = in.getLong();
                String mt = getString(in);
                long to = in.getLong();
                int ta = in.getInt();
                long tr = in.getLong();
                long tf = in.getLong();
                long trate = in.getLong();
                String tt = getString(in);
                return new EngineEvent.TradeExecuted(tradeId, instrument, price, qty, side, mo, ma, mr, mf, mrate, mt,
                        to, ta, tr, tf, trate, tt, in.getLong(), in.getLong());
            }
            case CANCELLED: {
                long id = in.getLong();
                int account = in.getInt();
                int instrument = in.getInt();
                String cl = getString(in);
                return new EngineEvent.OrderCancelled(id, account, instrument, cl, in.getLong(), in.getLong(),
                        reason(in.getShort()));
            }
            case AMENDED:
                return new EngineEvent.OrderAmended(in.getLong(), in.getInt(), in.getInt(), in.getLong(), in.getLong(),
                        in.getLong(), in.get() == 1);
            case STATUS_CHANGED:
                return new EngineEvent.InstrumentStatusChanged(in.getInt(), get(STATUSES, in.get()));
            case TIER_CHANGED: {
                int account = in.getInt();
                String from = getString(in);
                String to = getString(in);
                return new EngineEvent.FeeTierChanged(account, from, to, in.getLong(), in.getLong());
            }
            case INCENTIVE_GRANTED: {
                int account = in.getInt();
                String month = getString(in);
                return new EngineEvent.IncentiveGranted(account, month, in.getLong(), in.getLong(), in.getLong());
            }
            case RISK_ALERT: {
                int account = in.getInt();
                String limit = getString(in);
                return new EngineEvent.RiskAlert(account, limit, in.getInt(), in.getLong(), in.getLong(), in.getLong());
            }
            case LIMITS_CHANGED: {
                int account = in.getInt();
                var before = getLimits(in);
                var after = getLimits(in);
                return new EngineEvent.RiskLimitsChanged(account, before, after, getString(in), in.getLong());
            }
            case KILL_CHANGED: {
                Command.KillScope scope = get(SCOPES, in.get());
                int target = in.getInt();
                boolean on = in.get() == 1;
                return new EngineEvent.KillSwitchChanged(scope, target, on, getString(in), in.getLong());
            }
            case CANCEL_AFTER_SET:
                return new EngineEvent.CancelAfterSet(in.getInt(), in.getLong(), in.getLong());
            case MMP_TRIGGERED: {
                int account = in.getInt();
                String group = getString(in);
                return new EngineEvent.MmpTriggered(account, group, in.getLong(), in.getLong());
            }
            case MMP_CHANGED: {
                int account = in.getInt();
                String group = getString(in);
                io.hyperindex.gateway.domain.MmpConfig cfg = in.get() == 1 ? getMmp(in) : null;
                return new EngineEvent.MmpChanged(account, group, cfg, in.getLong());
            }
            case BREAKER_TRIPPED:
                return new EngineEvent.CircuitBreakerTripped(in.getInt(), in.getInt(), in.getLong(), get(ACTIONS, in.get()),
                        in.getLong(), in.getLong());
            case EV_VENUE_ACKED:
                return new EngineEvent.VenueOrderAcked(in.getLong(), in.getInt(), in.getInt(), in.getLong(), in.getLong());
            case EV_VENUE_CANCEL_REQUESTED: {
                long id = in.getLong();
                int account = in.getInt();
                int instrument = in.getInt();
                String cl = getString(in);
                return new EngineEvent.VenueCancelRequested(id, account, instrument, cl, reason(in.getShort()), in.getLong());
            }
            case EV_VENUE_REJECTED: {
                long id = in.getLong();
                int account = in.getInt();
                int instrument = in.getInt();
                String cl = getString(in);
                String error = getString(in);
                return new EngineEvent.VenueOrderRejected(id, account, instrument, cl, error, in.getLong());
            }
            default:
                throw new IllegalStateException("unknown event type " + type);
        }
    }

    private void putMmp(io.hyperindex.gateway.domain.MmpConfig m) {
        putString(m.group());
        buf.putInt(m.instruments().length);
        for (int i : m.instruments()) {
            buf.putInt(i);
        }
        buf.putLong(m.windowMillis()).putLong(m.quantityLimit()).putLong(m.deltaLimit()).putLong(m.frozenMillis());
    }

    private static io.hyperindex.gateway.domain.MmpConfig getMmp(ByteBuffer in) {
        String group = getString(in);
        int[] ins = new int[in.getInt()];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = in.getInt();
        }
        return new io.hyperindex.gateway.domain.MmpConfig(group, ins, in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    private void putLimits(io.hyperindex.gateway.domain.RiskLimits l) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            l.write(new java.io.DataOutputStream(bytes));
            byte[] b = bytes.toByteArray();
            buf.putInt(b.length).put(b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static io.hyperindex.gateway.domain.RiskLimits getLimits(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        try {
            return io.hyperindex.gateway.domain.RiskLimits.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(b)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ReasonCode reason(short number) {
        ReasonCode r = ReasonCode.ofNumber(number);
        if (r == null) {
            throw new IllegalStateException("unknown reason number " + number + " (journal written by a newer version?)");
        }
        return r;
    }

    private static byte ord(Enum<?> e) {
        return (byte) (e == null ? -1 : e.ordinal());
    }

    private static <E> E get(E[] values, byte ordinal) {
        return ordinal < 0 ? null : values[ordinal];
    }

    private void putString(String s) {
        if (s == null) {
            buf.putShort((short) -1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string too long for the journal");
        }
        buf.putShort((short) b.length).put(b);
    }

    private static String getString(ByteBuffer in) {
        short n = in.getShort();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
