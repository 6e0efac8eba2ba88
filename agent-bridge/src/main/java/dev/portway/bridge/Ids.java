package dev.portway.bridge;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers and secrets. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** e.g. {@code random("ep")} gives "ep_3f9a0c1d2e4b5a69". */
    public static String random(String prefix) {
        return prefix + "_" + hex(8);
    }

    /** An unguessable secret of 128 bits, hex-encoded. */
    public static String secret() {
        return hex(16);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
