package dev.portway.policyengine.endpoints;

import java.security.SecureRandom;

/** Cloud endpoint ids: "cep_" and 128 random bits in lower-case base32 (unguessable, URL- and shell-safe). */
public final class CloudEndpointIds {

    public static final String PREFIX = "cep_";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CloudEndpointIds() {
    }

    public static String newId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        StringBuilder id = new StringBuilder(PREFIX);
        int buffer = 0;
        int bitsInBuffer = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            bitsInBuffer += 8;
            while (bitsInBuffer >= 5) {
                id.append(ALPHABET[(buffer >> (bitsInBuffer - 5)) & 31]);
                bitsInBuffer -= 5;
            }
        }
        if (bitsInBuffer > 0) {
            id.append(ALPHABET[(buffer << (5 - bitsInBuffer)) & 31]);
        }
        return id.toString();
    }
}
