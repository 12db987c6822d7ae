package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.AdminCommands;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;

import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.proto.v1.AccountInfo;
import io.hyperindex.gateway.proto.v1.AddKeyRequest;
import io.hyperindex.gateway.proto.v1.AdminAck;
import io.hyperindex.gateway.proto.v1.AdminGrpc;
import io.hyperindex.gateway.proto.v1.AdminKillSwitchRequest;
import io.hyperindex.gateway.proto.v1.ApiKeyInfo;
import io.hyperindex.gateway.proto.v1.ListAccountsRequest;
import io.hyperindex.gateway.proto.v1.ListAccountsResponse;
import io.hyperindex.gateway.proto.v1.RevokeKeyRequest;
import io.hyperindex.gateway.proto.v1.SetInstrumentStatusRequest;
import io.hyperindex.gateway.proto.v1.SetLimitsRequest;


/** The Admin service (ADMIN scope): limits, kill switches, instrument status, accounts and keys. */
final class AdminService extends AdminGrpc.AdminImplBase {
    private final EngineAccess access;
    private final Markets markets;
    private final KeyRegistry keys;
    private final java.util.function.Supplier<io.hyperindex.gateway.mm.MarketMaker> marketMaker;

    AdminService(EngineAccess access, KeyRegistry keys,
                 java.util.function.Supplier<io.hyperindex.gateway.mm.MarketMaker> marketMaker) {
        this.access = access;
        this.markets = access.markets;
        this.keys = keys;
        this.marketMaker = marketMaker;
    }

    @Override
    public void controlMarketMaker(io.hyperindex.gateway.proto.v1.ControlMarketMakerRequest req,
                                   StreamObserver<io.hyperindex.gateway.proto.v1.MarketMakerStatusResponse> out) {
        EngineAccess.handle(out, () -> {
            io.hyperindex.gateway.mm.MarketMaker m = MarketMakerCodec.require(marketMaker);
            String symbol = MarketMakerCodec.symbol(m, req.getSymbol());
            java.util.concurrent.CompletableFuture<Void> done = switch (req.getAction()) {
                case START -> m.start(symbol, actor());
                case STOP -> m.stop(symbol, actor());
                default -> throw new RequestRejected(ReasonCode.INVALID_REQUEST, "action must be START or STOP");
            };
            MarketMakerCodec.answerAfter(done, m, java.util.List.of(symbol), out);
        });
    }

    @Override
    public void reloadMarketMakerConfig(io.hyperindex.gateway.proto.v1.ReloadMarketMakerConfigRequest req,
                                        StreamObserver<io.hyperindex.gateway.proto.v1.MarketMakerStatusResponse> out) {
        EngineAccess.handle(out, () -> {
            io.hyperindex.gateway.mm.MarketMaker m = MarketMakerCodec.require(marketMaker);
            java.util.concurrent.CompletableFuture<?> done;
            try {
                done = m.reloadConfig(req.getConfigYaml(), "config-reload:" + EngineAccess.caller().keyId());
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
            }
            MarketMakerCodec.answerAfter(done, m, m.symbols(), out);
        });
    }

    @Override
    public void setMarketMakerParams(io.hyperindex.gateway.proto.v1.SetMarketMakerParamsRequest req,
                                     StreamObserver<io.hyperindex.gateway.proto.v1.MarketMakerStatusResponse> out) {
        EngineAccess.handle(out, () -> {
            io.hyperindex.gateway.mm.MarketMaker m = MarketMakerCodec.require(marketMaker);
            String symbol = MarketMakerCodec.symbol(m, req.getSymbol());
            if (req.getParamsCount() == 0) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "params must name at least one knob");
            }
            java.util.concurrent.CompletableFuture<?> done;
            try {
                done = m.setParams(symbol, req.getParamsMap(), actor());
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
            }
            MarketMakerCodec.answerAfter(done, m, java.util.List.of(symbol), out);
        });
    }

    private static String actor() {
        return AdminCommands.actor(EngineAccess.caller().keyId());
    }

    @Override
    public void setLimits(SetLimitsRequest req, StreamObserver<AdminAck> out) {
        EngineAccess.handle(out, () -> {
            int a = markets.accountId(req.getAccount());
            if (!req.hasLimits()) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "limits are required");
            }
            access.submit(new Command.SetRiskLimits(a, LimitsCodec.fromProto(markets, req.getLimits()), actor()), out,
                    AdminService::ack);
        });
    }

    @Override
    public void setFeeTierOverride(io.hyperindex.gateway.proto.v1.SetFeeTierOverrideRequest req, StreamObserver<AdminAck> out) {
        EngineAccess.handle(out, () -> {
            int a = markets.accountId(req.getAccount());
            String tier = req.getTier().isEmpty() ? null : req.getTier();
            access.submit(new Command.SetFeeTierOverride(a, tier, req.getUntilMillis(), actor()), out, AdminService::ack);
        });
    }

    @Override
    public void killSwitch(AdminKillSwitchRequest req, StreamObserver<AdminAck> out) {
        EngineAccess.handle(out, () -> {
            Command.KillScope scope = switch (req.getScope()) {
                case ACCOUNT -> Command.KillScope.ACCOUNT;
                case INSTRUMENT -> Command.KillScope.INSTRUMENT;
                case GLOBAL -> Command.KillScope.GLOBAL;
                default -> null;
            };
            Command.KillSwitch k = AdminCommands.killSwitch(markets, scope, req.getTarget(), req.getOn(), req.getFlatten(),
                    actor());
            access.submit(k, out, AdminService::ack);
        });
    }

    @Override
    public void setInstrumentStatus(SetInstrumentStatusRequest req, StreamObserver<AdminAck> out) {
        EngineAccess.handle(out, () -> {
            int id = markets.instrument(req.getSymbol()).id();
            InstrumentStatus status = switch (req.getStatus()) {
                case TRADING -> InstrumentStatus.TRADING;
                case HALTED -> InstrumentStatus.HALTED;
                default -> throw new RequestRejected(ReasonCode.INVALID_REQUEST, "status must be TRADING or HALTED");
            };
            access.submit(new Command.SetInstrumentStatus(id, status), out, AdminService::ack);
        });
    }

    @Override
    public void listAccounts(ListAccountsRequest req, StreamObserver<ListAccountsResponse> out) {
        ListAccountsResponse.Builder b = ListAccountsResponse.newBuilder();
        for (AdminCommands.AccountInfo account : AdminCommands.accounts(keys, markets)) {
            AccountInfo.Builder a = AccountInfo.newBuilder().setAccount(account.account());
            for (AdminCommands.KeyInfo k : account.keys()) {
                a.addKeys(info(k));
            }
            b.addAccounts(a);
        }
        EngineAccess.respond(out, b::build);
    }

    @Override
    public void addKey(AddKeyRequest req, StreamObserver<ApiKeyInfo> out) {
        EngineAccess.handle(out, () -> {
            AdminCommands.KeyInfo key = AdminCommands.addKey(keys, markets, req.getAccount(), req.getPublicKeyHex(),
                    req.getScopesList());
            EngineAccess.respond(out, () -> info(key));
        });
    }

    @Override
    public void revokeKey(RevokeKeyRequest req, StreamObserver<ApiKeyInfo> out) {
        EngineAccess.handle(out, () -> {
            AdminCommands.KeyInfo k = AdminCommands.revokeKey(keys, req.getAccount(), req.getKeyId());
            EngineAccess.respond(out, () -> info(k));
        });
    }

    private static ApiKeyInfo info(AdminCommands.KeyInfo k) {
        return ApiKeyInfo.newBuilder().setKeyId(k.keyId()).setAccount(k.account()).setPublicKeyHex(k.publicKeyHex())
                .addAllScopes(k.scopes()).setRevoked(k.revoked()).build();
    }

    private static AdminAck ack(io.hyperindex.gateway.engine.CommandResult r) {
        return AdminAck.newBuilder().setSequence(r.sequence()).build();
    }
}
