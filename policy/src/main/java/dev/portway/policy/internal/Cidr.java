package dev.portway.policy.internal;

import com.google.common.net.InetAddresses;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An IPv4 or IPv6 network, {@code address/prefix}; a bare address is a /32 or /128. IPv4-mapped IPv6
 * addresses ({@code ::ffff:10.0.0.1}) count as IPv4. Parsing never resolves names.
 */
public final class Cidr {

    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, Cidr> CACHE = new ConcurrentHashMap<>();

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses a CIDR, or says what is wrong with it. */
    public static Cidr parse(String text) throws IllegalArgumentException {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = ipBytes(address).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is not a CIDR: '" + address + "' is not an IPv4 or IPv6 address; write e.g. 10.0.0.0/8 or"
                + " 2001:db8::/32"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            try {
                prefix = digits.length() > 3 ? -1 : Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR: the prefix length must be 0-" + bits
                        + " for an " + (bits == 32 ? "IPv4" : "IPv6") + " address");
            }
        }
        byte[] network = Arrays.copyOf(bytes, bytes.length);
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            network[i] &= (byte) (0xFF << (8 - keep));
        }
        return new Cidr(network, prefix, trimmed);
    }

    /** The parsed CIDR, cached (CEL functions see the same few constant strings over and over). */
    public static Cidr cached(String text) {
        Cidr cidr = CACHE.get(text);
        if (cidr == null) {
            cidr = parse(text);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(text, cidr);
        }
        return cidr;
    }

    /** The address bytes (4 or 16; IPv4-mapped IPv6 gives 4), or empty when the text is no IP literal. */
    public static Optional<byte[]> ipBytes(String text) {
        if (text == null || text.isEmpty() || !InetAddresses.isInetAddress(text)) {
            return Optional.empty();
        }
        return Optional.of(bytes(InetAddresses.forString(text)));
    }

    /** 4 bytes for IPv4 (also IPv4-mapped IPv6), 16 for IPv6. */
    public static byte[] bytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16 && isIpv4Mapped(raw)) {
            return Arrays.copyOfRange(raw, 12, 16);
        }
        return raw;
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }

    /** Whether the address (4 or 16 bytes) is in this network; an IPv4 address is never in an IPv6 network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
