package dev.portway.service;

import java.security.SecureRandom;

/** Record ids: a prefix and 128 random bits in lower-case base32 (unguessable, URL- and shell-safe). */
public final class RandomIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** @param prefix names the kind of record, e.g. {@code ad_} */
    public static String newId(String prefix) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        StringBuilder id = new StringBuilder(prefix);
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
