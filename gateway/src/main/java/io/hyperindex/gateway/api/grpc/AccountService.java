package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.AccountViews;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;

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
            access.query(me -> AccountViews.positions(me, a), out, list -> {
                Positions.Builder b = Positions.newBuilder();
                for (AccountViews.Position p : list) {
                    b.addPositions(Position.newBuilder().setSymbol(p.symbol()).setQuantity(p.quantity())
                            .setAverageEntry(p.averageEntry()).setMarkPrice(p.markPrice())
                            .setUnrealizedPnl(p.unrealizedPnl()).setRealizedPnl(p.realizedPnl()).setFees(p.fees()));
                }
                return b.build();
            });
        });
    }

    @Override
    public void getPnl(GetPnlRequest req, StreamObserver<Pnl> out) {
        EngineAccess.handle(out, () -> {
            int a = access.callerAccount();
            access.query(me -> AccountViews.pnl(me, a), out, p -> Pnl.newBuilder().setTotalPnl(p.totalPnl())
                    .setDailyPnl(p.dailyPnl()).setGrossExposure(p.grossExposure()).setNetExposure(p.netExposure()).build());
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

    private static FeeTier feeTier(FeeEngine.TierStatus status) {
        AccountViews.FeeTier t = AccountViews.feeTier(status);
        return FeeTier.newBuilder().setTier(t.tier()).setMakerVolume30D(t.makerVolume30d())
                .setTakerVolume30D(t.takerVolume30d()).setNextTier(t.nextTier()).setVolumeToNextTier(t.volumeToNextTier())
                .setMakerRateBps(t.makerRateBps()).setTakerRateBps(t.takerRateBps()).setRatesSource(t.ratesSource()).build();
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
            AccountViews.Period period = AccountViews.period(req.getFrom(), req.getTo());
            access.engine.statement(account, period.from(), period.to()).whenCompleteAsync((st, err) -> EngineAccess.respond(out, () -> {
                if (err != null) {
                    throw new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, "the journal could not be read for the statement");
                }
                AccountViews.Statement s = AccountViews.statement(st);
                return Statement.newBuilder().setAccount(s.account()).setFrom(s.from()).setTo(s.to())
                        .setMakerVolume(s.makerVolume()).setTakerVolume(s.takerVolume()).setTrades(s.trades())
                        .setFees(s.fees()).setRebates(s.rebates()).setNet(s.net()).setTierAtStart(s.tierAtStart())
                        .addAllTierChanges(s.tierChanges()).setTokensAccrued(s.tokensAccrued())
                        .setTokensGranted(s.tokensGranted()).build();
            }), access.executor);
        });
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
            MmpConfig config = AccountViews.mmp(markets, req.getGroup(), req.getSymbolsList(), req.getWindowMillis(),
                    req.getQuantityLimit(), req.getDeltaLimit(), req.getFrozenMillis(), "quantity_limit", "delta_limit");
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
