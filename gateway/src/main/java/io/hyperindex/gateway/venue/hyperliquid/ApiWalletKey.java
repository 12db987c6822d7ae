package io.hyperindex.gateway.venue.hyperliquid;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The venue's Hyperliquid API wallet: a secp256k1 private key read from a key file ("0x" + 64
 * hex digits) that only its owner may read. The key never leaves this object except to sign;
 * {@link #toString()} shows the address only.
 */
public final class ApiWalletKey {
    private final ECKeyPair pair;
    private final String address;

    private ApiWalletKey(ECKeyPair pair) {
        this.pair = pair;
        this.address = "0x" + Keys.getAddress(pair.getPublicKey());
    }

    /**
     * Reads the key file. Refuses a file that the group or others may read or write (on file
     * systems with POSIX permissions), a missing file, and anything but one private key.
     */
    public static ApiWalletKey load(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                if (p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE) {
                    throw new IOException("the API wallet key file " + file + " must be readable by its owner only"
                            + " (chmod 600): it is " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                }
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions on this file system: nothing to check
        }
        String hex = Files.readString(file).trim();
        if (!hex.matches("0x[0-9a-fA-F]{64}")) {
            throw new IOException("the API wallet key file " + file + " must hold one private key: 0x and 64 hex digits");
        }
        return new ApiWalletKey(ECKeyPair.create(Numeric.toBigInt(hex)));
    }

    /** The wallet's address, "0x" + 40 lower-case hex digits. */
    public String address() {
        return address;
    }

    ECKeyPair pair() {
        return pair;
    }

    @Override
    public String toString() {
        return "ApiWalletKey[" + address + "]";
    }
}
