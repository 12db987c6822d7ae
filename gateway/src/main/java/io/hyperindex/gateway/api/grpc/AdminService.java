package io.hyperindex.gateway.api.grpc;

import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.auth.AccountKey;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.Scope;
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

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

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
        return "admin:" + EngineAccess.caller().keyId();
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
    public void killSwitch(AdminKillSwitchRequest req, StreamObserver<AdminAck> out) {
        EngineAccess.handle(out, () -> {
            Command.KillSwitch k = switch (req.getScope()) {
                case ACCOUNT -> new Command.KillSwitch(Command.KillScope.ACCOUNT, markets.accountId(req.getTarget()),
                        req.getOn(), req.getFlatten(), actor());
                case INSTRUMENT -> new Command.KillSwitch(Command.KillScope.INSTRUMENT,
                        markets.instrument(req.getTarget()).id(), req.getOn(), false, actor());
                case GLOBAL -> new Command.KillSwitch(Command.KillScope.GLOBAL, -1, req.getOn(), false, actor());
                default -> throw new RequestRejected(ReasonCode.INVALID_REQUEST, "scope must be ACCOUNT, INSTRUMENT or GLOBAL");
            };
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
        for (String account : markets.accounts()) {
            AccountInfo.Builder a = AccountInfo.newBuilder().setAccount(account);
            for (AccountKey k : keys.keysOf(account)) {
                a.addKeys(info(k));
            }
            b.addAccounts(a);
        }
        EngineAccess.respond(out, b::build);
    }

    @Override
    public void addKey(AddKeyRequest req, StreamObserver<ApiKeyInfo> out) {
        EngineAccess.handle(out, () -> {
            markets.accountId(req.getAccount());
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String s : req.getScopesList()) {
                try {
                    scopes.add(Scope.valueOf(s.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new RequestRejected(ReasonCode.INVALID_REQUEST, "scopes are read, trade and admin");
                }
            }
            AccountKey key;
            try {
                key = AccountKey.of(req.getAccount(), req.getPublicKeyHex(), scopes);
                keys.register(key);
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
            }
            EngineAccess.respond(out, () -> info(key));
        });
    }

    @Override
    public void revokeKey(RevokeKeyRequest req, StreamObserver<ApiKeyInfo> out) {
        EngineAccess.handle(out, () -> {
            AccountKey k = keys.find(req.getKeyId());
            if (k == null || !k.account().equals(req.getAccount())) {
                throw new RequestRejected(ReasonCode.UNKNOWN_KEY, "account " + Markets.shortened(req.getAccount())
                        + " has no key " + Markets.shortened(req.getKeyId()));
            }
            keys.revoke(req.getAccount(), req.getKeyId());
            EngineAccess.respond(out, () -> info(keys.find(req.getKeyId())));
        });
    }

    private static ApiKeyInfo info(AccountKey k) {
        ApiKeyInfo.Builder b = ApiKeyInfo.newBuilder().setKeyId(k.keyId()).setAccount(k.account())
                .setPublicKeyHex(HexFormat.of().formatHex(k.publicKey())).setRevoked(k.revoked());
        for (Scope s : EnumSet.copyOf(k.scopes())) {
            b.addScopes(s.name().toLowerCase(Locale.ROOT));
        }
        return b.build();
    }

    private static AdminAck ack(io.hyperindex.gateway.engine.CommandResult r) {
        return AdminAck.newBuilder().setSequence(r.sequence()).build();
    }
}
