package io.hyperindex.gateway.ops.sandbox;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.HlAgentKey;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The sandbox's demo credentials in {@code <dataDir>/demo-accounts.json}: an Ed25519 API key
 * and a Hyperliquid agent key for every account, generated the first time a data directory
 * is used and kept from then on, so that a partner's sandbox scripts keep working across
 * restarts. The file is readable by its owner only. Seeds and private keys go to that file
 * and nowhere else.
 */
public final class DemoCredentials {
    /** File name inside the data directory. */
    public static final String FILE_NAME = "demo-accounts.json";
    private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final List<DemoAccount> accounts;
    private final DemoOperator operator;
    private final boolean created;

    private DemoCredentials(Path file, List<DemoAccount> accounts, DemoOperator operator, boolean created) {
        this.file = file;
        this.accounts = List.copyOf(accounts);
        this.operator = operator;
        this.created = created;
    }

    /** The file's JSON shape ({@code operator} is absent from files written before it existed). */
    @JsonPropertyOrder({"environment", "warning", "accounts", "operator"})
    record FileBody(String environment, String warning, List<DemoAccount> accounts, DemoOperator operator) {
    }

    /**
     * Loads the demo credentials of {@code dataDir}, generating keys for every account in
     * {@code accounts} that has none yet (all of them, the first time). Existing keys are never
     * replaced; a file whose keys do not match their own public parts is refused rather than
     * overwritten.
     */
    public static DemoCredentials loadOrCreate(Path dataDir, List<GatewayConfig.Account> accounts, SecureRandom random)
            throws IOException {
        Path path = dataDir.resolve(FILE_NAME);
        Map<String, DemoAccount> existing = new LinkedHashMap<>();
        DemoOperator operator = null;
        boolean exists = Files.exists(path);
        if (exists) {
            FileBody body;
            try {
                body = JSON.readValue(path.toFile(), FileBody.class);
            } catch (IOException e) {
                throw new IOException(path + " is not a readable demo credentials file (" + e.getMessage()
                        + "); move it away to generate new demo keys", e);
            }
            for (DemoAccount a : body.accounts() == null ? List.<DemoAccount>of() : body.accounts()) {
                check(path, a);
                existing.put(a.account(), a);
            }
            operator = body.operator();
            if (operator != null) {
                checkOperator(path, operator);
            }
            tightenPermissions(path);
        }
        List<DemoAccount> out = new ArrayList<>();
        boolean changed = !exists;
        for (GatewayConfig.Account account : accounts) {
            DemoAccount old = existing.remove(account.id());
            DemoAccount now = old == null ? generate(account, random) : withConfig(old, account);
            changed |= !now.equals(old);
            out.add(now);
        }
        out.addAll(existing.values()); // accounts no longer configured keep their keys
        if (operator == null) {
            Ed25519Key key = Ed25519Key.generate(random);
            operator = new DemoOperator(key.keyId(), key.seedHex(), key.publicKeyHex());
            changed = true;
        }
        if (changed) {
            write(path, out, operator);
        }
        return new DemoCredentials(path, out, operator, !exists);
    }

    /** The sandbox operator's key (admin scope). */
    public DemoOperator operator() {
        return operator;
    }

    /** The file holding the credentials. */
    public Path file() {
        return file;
    }

    /** One entry per account, in config order (then any no longer configured). */
    public List<DemoAccount> accounts() {
        return accounts;
    }

    /** True if this start generated the file. */
    public boolean created() {
        return created;
    }

    /**
     * {@code config}'s accounts with each demo account's public key and agent address added,
     * so the authentication layers accept the demo keys.
     */
    public List<GatewayConfig.Account> authorise(List<GatewayConfig.Account> config) {
        List<GatewayConfig.Account> out = new ArrayList<>();
        for (GatewayConfig.Account a : config) {
            DemoAccount d = accounts.stream().filter(x -> x.account().equals(a.id())).findFirst().orElseThrow();
            List<GatewayConfig.ApiKey> keys = new ArrayList<>(a.apiKeys());
            if (keys.stream().noneMatch(k -> k.keyId().equals(d.keyId()))) {
                keys.add(new GatewayConfig.ApiKey(d.keyId(), d.ed25519PublicKeyHex()));
            }
            List<String> agents = new ArrayList<>(a.hlAgentAddresses());
            if (!agents.contains(d.hlAgentAddress())) {
                agents.add(d.hlAgentAddress());
            }
            out.add(new GatewayConfig.Account(a.id(), a.displayName(), a.fixSessions(), keys, agents, a.hlSubAccount()));
        }
        return out;
    }

    private static DemoAccount generate(GatewayConfig.Account account, SecureRandom random) {
        Ed25519Key key = Ed25519Key.generate(random);
        HlAgentKey agent = HlAgentKey.generate();
        GatewayConfig.FixSession fix = fixSession(account);
        return new DemoAccount(account.id(), account.displayName(), key.keyId(), key.seedHex(), key.publicKeyHex(),
                fix.senderCompId(), fix.targetCompId(), agent.privateKeyHex(), agent.address());
    }

    /** The stored keys with the names and FIX session of the current config (neither is secret). */
    private static DemoAccount withConfig(DemoAccount old, GatewayConfig.Account account) {
        GatewayConfig.FixSession fix = fixSession(account);
        return new DemoAccount(old.account(), account.displayName(), old.keyId(), old.ed25519SeedHex(),
                old.ed25519PublicKeyHex(), fix.senderCompId(), fix.targetCompId(), old.hlAgentPrivateKey(),
                old.hlAgentAddress());
    }

    private static GatewayConfig.FixSession fixSession(GatewayConfig.Account account) {
        return account.fixSessions().isEmpty()
                ? new GatewayConfig.FixSession(account.id().toUpperCase(Locale.ROOT), SandboxDefaults.GATEWAY_COMP_ID)
                : account.fixSessions().get(0);
    }

    private static void checkOperator(Path path, DemoOperator o) throws IOException {
        try {
            Ed25519Key key = Ed25519Key.fromSeedHex(o.ed25519SeedHex());
            if (!key.publicKeyHex().equals(o.ed25519PublicKeyHex()) || !key.keyId().equals(o.keyId())) {
                throw new IOException(path + ", operator: ed25519PublicKeyHex or keyId does not belong to ed25519SeedHex");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ", operator: " + e.getMessage(), e);
        }
    }

    /** Refuses an entry whose public parts do not derive from its secrets. */
    private static void check(Path path, DemoAccount a) throws IOException {
        String where = path + ", account " + (a.account() == null ? "(no id)" : a.account()) + ": ";
        try {
            Ed25519Key key = Ed25519Key.fromSeedHex(a.ed25519SeedHex());
            if (!key.publicKeyHex().equals(a.ed25519PublicKeyHex()) || !key.keyId().equals(a.keyId())) {
                throw new IOException(where + "ed25519PublicKeyHex or keyId does not belong to ed25519SeedHex");
            }
            HlAgentKey agent = HlAgentKey.fromPrivateKeyHex(a.hlAgentPrivateKey());
            if (!agent.address().equalsIgnoreCase(Objects.requireNonNullElse(a.hlAgentAddress(), ""))) {
                throw new IOException(where + "hlAgentAddress does not belong to hlAgentPrivateKey");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(where + e.getMessage(), e);
        }
        if (a.account() == null) {
            throw new IOException(where + "an entry has no account id");
        }
    }

    /** Writes the file atomically, owner read/write only from the first byte on. */
    private static void write(Path path, List<DemoAccount> accounts, DemoOperator operator) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(path.toAbsolutePath().getParent(), FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(path.toAbsolutePath().getParent(), FILE_NAME, ".tmp");
        try {
            FileBody body = new FileBody("sandbox",
                    "Sandbox demo credentials: the seeds and private keys below are secrets of this data directory"
                            + " only. Never use them outside the sandbox.", accounts, operator);
            ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(body));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            if (!posix) {
                ownerOnlyWithoutPosix(tmp);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void tightenPermissions(Path path) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        if (!OWNER_ONLY.containsAll(perms)) {
            log.warn("{} was readable by others ({}); restricting it to its owner", path,
                    PosixFilePermissions.toString(perms));
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        }
    }

    private static void ownerOnlyWithoutPosix(Path p) {
        java.io.File f = p.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!ok) {
            log.warn("could not restrict {} to its owner on this file system", p);
        }
    }
}
