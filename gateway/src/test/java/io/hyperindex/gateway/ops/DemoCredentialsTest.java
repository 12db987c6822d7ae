package io.hyperindex.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.HlAgentKey;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.sandbox.DemoCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demo keys are generated once per data directory, kept, well formed, owner-only, and never shown by toString. */
class DemoCredentialsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keysAreGeneratedOnceAndKept(@TempDir Path dir) throws Exception {
        DemoCredentials first = DemoCredentials.loadOrCreate(dir, SandboxDefaults.config().accounts(), new SecureRandom());
        assertTrue(first.created());
        String written = Files.readString(first.file());
        DemoCredentials second = DemoCredentials.loadOrCreate(dir, SandboxDefaults.config().accounts(), new SecureRandom());
        assertFalse(second.created());
        assertEquals(first.accounts(), second.accounts());
        assertEquals(written, Files.readString(second.file()), "an unchanged file is not rewritten");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())));
    }

    @Test
    void everyFieldIsWellFormedAndThePublicPartsDeriveFromTheSecrets(@TempDir Path dir) throws Exception {
        DemoCredentials creds = DemoCredentials.loadOrCreate(dir, SandboxDefaults.config().accounts(), new SecureRandom());
        JsonNode accounts = JSON.readTree(creds.file().toFile()).get("accounts");
        assertEquals(List.of("mm-alpha", "mm-bravo", "mm-charlie", "venue-mm"),
                List.of(accounts.get(0).get("account").asText(), accounts.get(1).get("account").asText(),
                        accounts.get(2).get("account").asText(), accounts.get(3).get("account").asText()));
        for (JsonNode a : accounts) {
            String seed = a.get("ed25519SeedHex").asText();
            assertTrue(seed.matches("[0-9a-f]{64}"), seed.length() + " hex digits");
            Ed25519Key key = Ed25519Key.fromSeedHex(seed);
            assertEquals(key.publicKeyHex(), a.get("ed25519PublicKeyHex").asText());
            assertEquals(key.keyId(), a.get("keyId").asText());
            assertTrue(a.get("keyId").asText().matches("hik_[0-9a-f]{16}"));
            String priv = a.get("hlAgentPrivateKey").asText();
            assertTrue(priv.matches("0x[0-9a-f]{64}"));
            assertEquals(HlAgentKey.fromPrivateKeyHex(priv).address(), a.get("hlAgentAddress").asText());
            assertTrue(a.get("fixSenderCompId").asText().matches("[A-Z-]+"));
            assertEquals("HYPERINDEX", a.get("fixTargetCompId").asText());
        }
        for (DemoAccount a : creds.accounts()) {
            assertFalse(a.toString().contains(a.ed25519SeedHex()), "toString shows no seed");
            assertFalse(a.toString().contains(a.hlAgentPrivateKey().substring(2)), "toString shows no private key");
        }
    }

    @Test
    void aLooselyPermittedFileIsTightenedAndAMissingAccountIsAddedWithoutTouchingTheOthers(@TempDir Path dir) throws Exception {
        var all = SandboxDefaults.config().accounts();
        DemoCredentials three = DemoCredentials.loadOrCreate(dir, all.subList(0, 3), new SecureRandom());
        Files.setPosixFilePermissions(three.file(), PosixFilePermissions.fromString("rw-r--r--"));
        DemoCredentials four = DemoCredentials.loadOrCreate(dir, all, new SecureRandom());
        assertEquals(three.accounts(), four.accounts().subList(0, 3));
        assertEquals("venue-mm", four.accounts().get(3).account());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(four.file())));
    }

    @Test
    void aTamperedFileIsRefusedRatherThanOverwritten(@TempDir Path dir) throws Exception {
        DemoCredentials creds = DemoCredentials.loadOrCreate(dir, SandboxDefaults.config().accounts(), new SecureRandom());
        DemoAccount a = creds.accounts().get(0);
        String tampered = Files.readString(creds.file()).replace(a.ed25519PublicKeyHex(), "00".repeat(32));
        Files.writeString(creds.file(), tampered);
        IOException e = assertThrows(IOException.class,
                () -> DemoCredentials.loadOrCreate(dir, SandboxDefaults.config().accounts(), new SecureRandom()));
        assertTrue(e.getMessage().contains("account mm-alpha: ed25519PublicKeyHex or keyId does not belong to ed25519SeedHex"),
                e.getMessage());
        assertEquals(tampered, Files.readString(creds.file()));
    }

    @Test
    void ed25519PublicKeyMatchesRfc8032TestVector1() {
        // RFC 8032 section 7.1, TEST 1
        Ed25519Key key = Ed25519Key.fromSeedHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.publicKeyHex());
    }
}
