package io.hyperindex.gateway.api.grpc;

import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.MmpConfig;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.fees.FeeEngine;
import io.hyperindex.gateway.proto.v1.AccountCommandAck;
import io.hyperindex.gateway.proto.v1.AccountGrpc;
import io.hyperindex.gateway.proto.v1.AccountKillSwitchRequest;
import io.hyperindex.gateway.proto.v1.Alert;
import io.hyperindex.gateway.proto.v1.Balances;
import io.hyperindex.gateway.proto.v1.FeeTier;
import io.hyperindex.gateway.proto.v1.GetBalancesRequest;
import io.hyperindex.gateway.proto.v1.GetFeeTierRequest;
import io.hyperindex.gateway.proto.v1.GetLimitsRequest;
import io.hyperindex.gateway.proto.v1.GetPnlRequest;
import io.hyperindex.gateway.proto.v1.GetPositionsRequest;
import io.hyperindex.gateway.proto.v1.GetStatementRequest;
import io.hyperindex.gateway.proto.v1.KillSwitchChanged;
import io.hyperindex.gateway.proto.v1.LimitAlert;
import io.hyperindex.gateway.proto.v1.MmpTriggered;
import io.hyperindex.gateway.proto.v1.Pnl;
import io.hyperindex.gateway.proto.v1.Position;
import io.hyperindex.gateway.proto.v1.Positions;
import io.hyperindex.gateway.proto.v1.ResetMmpRequest;
import io.hyperindex.gateway.proto.v1.RiskLimits;
import io.hyperindex.gateway.proto.v1.SetMmpRequest;
import io.hyperindex.gateway.proto.v1.Statement;
import io.hyperindex.gateway.proto.v1.StreamAlertsRequest;
import io.hyperindex.gateway.risk.PositionBook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The Account service: the caller's own balances, positions, P&amp;L, fees, limits and protections. */
final class AccountService extends AccountGrpc.AccountImplBase {
    private final EngineAccess access;
    private final Markets markets;

    AccountService(EngineAccess access) {
        this.access = access;
        this.markets = access.markets;
    }

    @Override
    public void getBalances(GetBalancesRequest req, StreamObserver<Balances> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            access.query(me -> me.cash(a), out, cash -> Balances.newBuilder().setAccount(markets.accountName(a))
                    .setUsdc(Markets.cash(cash)).build());
        });
    }

    @Override
    public void getPositions(GetPositionsRequest req, StreamObserver<Positions> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            access.query(me -> {
                PositionBook p = me.positions();
                Positions.Builder b = Positions.newBuilder();
                for (int i = 0; i < me.instrumentCount(); i++) {
                    long qty = p.position(a, i);
                    if (qty == 0 && p.realized(a, i) == 0 && p.fees(a, i) == 0) {
                        continue;
                    }
                    Instrument ins = me.instrument(i);
                    long mark = me.markPrice(i);
                    b.addPositions(Position.newBuilder().setSymbol(ins.symbol()).setQuantity(Markets.qty(ins, qty))
                            .setAverageEntry(p.averageEntry(a, i).toPlainString()).setMarkPrice(Markets.price(ins, mark))
                            .setUnrealizedPnl(Markets.cash(p.unrealized(a, i, mark)))
                            .setRealizedPnl(Markets.cash(p.realized(a, i))).setFees(Markets.cash(p.fees(a, i))));
                }
                return b.build();
            }, out, r -> r);
        });
    }

    @Override
    public void getPnl(GetPnlRequest req, StreamObserver<Pnl> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            access.query(me -> {
                PositionBook p = me.positions();
                long[] m = new long[3];
                p.measure(a, me::markPrice, m);
                return Pnl.newBuilder().setTotalPnl(Markets.cash(m[PositionBook.TOTAL_PNL]))
                        .setDailyPnl(Markets.cash(p.dailyPnl(m[PositionBook.TOTAL_PNL], a)))
                        .setGrossExposure(Markets.cash(m[PositionBook.GROSS]))
                        .setNetExposure(Markets.cash(m[PositionBook.NET])).build();
            }, out, r -> r);
        });
    }

    @Override
    public void getFeeTier(GetFeeTierRequest req, StreamObserver<FeeTier> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            Instrument ins = markets.instrument(req.getSymbol());
            access.query(me -> me.fees().tierStatus(a, ins.id(), me.clock()), out, t -> feeTier(t));
        });
    }

    private static FeeTier feeTier(FeeEngine.TierStatus t) {
        FeeTier.Builder b = FeeTier.newBuilder().setTier(t.tier()).setMakerVolume30D(Markets.cash(t.makerVolume30d()))
                .setTakerVolume30D(Markets.cash(t.takerVolume30d())).setVolumeToNextTier(Markets.cash(t.volumeToNextTier()))
                .setMakerRateBps(bps(t.makerRate())).setTakerRateBps(bps(t.takerRate())).setRatesSource(t.ratesSource());
        if (t.nextTier() != null) {
            b.setNextTier(t.nextTier());
        }
        return b.build();
    }

    /** Hundredths of a basis point as basis points. */
    private static String bps(long rate) {
        return BigDecimal.valueOf(rate, 2).stripTrailingZeros().toPlainString();
    }

    @Override
    public void getLimits(GetLimitsRequest req, StreamObserver<RiskLimits> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            access.query(me -> me.risk().limits(a), out, l -> LimitsCodec.toProto(markets, l));
        });
    }

    @Override
    public void getStatement(GetStatementRequest req, StreamObserver<Statement> out) {
        EngineAccess.handle(out, () -> {
            String account = EngineAccess.caller().account();
            LocalDate from = day("from", req.getFrom());
            LocalDate to = day("to", req.getTo());
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 366) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "to must be from..from + 366 days");
            }
            access.engine.statement(account, from, to).whenCompleteAsync((s, err) -> EngineAccess.respond(out, () -> {
                if (err != null) {
                    throw new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, "the journal could not be read for the statement");
                }
                return Statement.newBuilder().setAccount(s.account()).setFrom(s.from().toString()).setTo(s.to().toString())
                        .setMakerVolume(Markets.cash(s.makerVolume())).setTakerVolume(Markets.cash(s.takerVolume()))
                        .setTrades(s.trades()).setFees(Markets.cash(s.fees())).setRebates(Markets.cash(s.rebates()))
                        .setNet(Markets.cash(s.net())).setTierAtStart(s.tierAtStart()).addAllTierChanges(s.tierChanges())
                        .setTokensAccrued(io.hyperindex.gateway.fees.IncentivePlan.format(s.tokensAccrued()))
                        .setTokensGranted(io.hyperindex.gateway.fees.IncentivePlan.format(s.tokensGranted())).build();
            }), access.executor);
        });
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, field + " must be a date YYYY-MM-DD");
        }
    }

    @Override
    public void streamAlerts(StreamAlertsRequest req, StreamObserver<Alert> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            BoundedStream<EngineEvent, Alert> stream = access.openStream(out, AccountService::alert);
            access.follow(stream, r -> {
                for (EngineEvent e : r.events()) {
                    if (e instanceof EngineEvent.RiskAlert x && x.account() == a
                            || e instanceof EngineEvent.MmpTriggered m && m.account() == a
                            || e instanceof EngineEvent.KillSwitchChanged k && (k.scope() == Command.KillScope.GLOBAL
                            || k.scope() == Command.KillScope.ACCOUNT && k.target() == a)) {
                        stream.offer(e);
                    }
                }
            });
        });
    }

    private static Alert alert(EngineEvent e) {
        if (e instanceof EngineEvent.RiskAlert x) {
            return Alert.newBuilder().setTimestampNanos(x.timestamp()).setLimit(LimitAlert.newBuilder().setLimit(x.limit())
                    .setLevel(x.level()).setUsed(x.used()).setMax(x.max())).build();
        }
        if (e instanceof EngineEvent.MmpTriggered m) {
            return Alert.newBuilder().setTimestampNanos(m.timestamp())
                    .setMmpTriggered(MmpTriggered.newBuilder().setGroup(m.group()).setFrozenUntilNanos(m.frozenUntil())).build();
        }
        EngineEvent.KillSwitchChanged k = (EngineEvent.KillSwitchChanged) e;
        return Alert.newBuilder().setTimestampNanos(k.timestamp()).setKillSwitch(KillSwitchChanged.newBuilder()
                .setOn(k.on()).setScope(k.scope().name()).setActor(k.actor())).build();
    }

    @Override
    public void setMmp(SetMmpRequest req, StreamObserver<AccountCommandAck> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            if (req.getSymbolsCount() == 0 || req.getGroup().isBlank()) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "an MMP group needs a name and at least one symbol");
            }
            int[] ids = req.getSymbolsList().stream().mapToInt(s -> markets.instrument(s).id()).toArray();
            MmpConfig config;
            try {
                config = new MmpConfig(req.getGroup(), ids, req.getWindowMillis(),
                        Markets.cashUnits("quantity_limit", req.getQuantityLimit()),
                        Markets.cashUnits("delta_limit", req.getDeltaLimit()), req.getFrozenMillis());
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
            }
            access.submit(new Command.SetMmp(a, config), out, AccountService::ack);
        });
    }

    @Override
    public void resetMmp(ResetMmpRequest req, StreamObserver<AccountCommandAck> out) {
        EngineAccess.handle(out, () -> access.submit(new Command.ResetMmp(access.callerAccount(), req.getGroup()), out,
                AccountService::ack));
    }

    /** Partners may only turn their own kill switch on; turning it off is an operator's call (Admin). */
    @Override
    public void killSwitch(AccountKillSwitchRequest req, StreamObserver<AccountCommandAck> out) {
        EngineAccess.handle(out, () -> {
            if (!req.getOn()) {
                throw new RequestRejected(ReasonCode.NOT_PERMITTED, "only the venue's operators turn an account kill switch off");
            }
            access.submit(new Command.KillSwitch(Command.KillScope.ACCOUNT, access.callerAccount(), true, req.getFlatten(),
                    EngineAccess.caller().keyId()), out, AccountService::ack);
        });
    }

    private static AccountCommandAck ack(io.hyperindex.gateway.engine.CommandResult r) {
        return AccountCommandAck.newBuilder().setSequence(r.sequence()).build();
    }
}
