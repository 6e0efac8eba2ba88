package dev.portway.edge;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Connection ids and one-time tokens for agent data connections, drawn on event loops at every
 * accept. One DRBG per thread: no lock shared between event loops, and no read of {@code
 * /dev/urandom} per call (the default NativePRNG does one, under a global lock); each DRBG seeds
 * itself from the OS.
 */
final class RandomIds {

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomIds::drbg);

    private RandomIds() {}

    /** 64 random bits in hex: unique among the connections waiting at one edge (checked on register). */
    static String connectionId() {
        return hex(8);
    }

    /** 128 random bits in hex: unguessable, so only the agent the bridge told can claim the client. */
    static String token() {
        return hex(16);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.get().nextBytes(b);
        return HEX.formatHex(b);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // every JDK since 9 has DRBG; this is only a safety net
        }
    }
}
