package dev.portway.allocator.pool;

import java.util.Locale;
import java.util.regex.Pattern;

/** DNS host name rules (RFC 1123): dot-separated labels of letters, digits and hyphens. */
public final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private HostNames() {
    }

    /** Host names are case-insensitive; we keep and compare them in lower case. */
    public static String normalize(String host) {
        return host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    }

    /** True when the (normalized) name is a syntactically valid DNS name. */
    public static boolean isDnsName(String host) {
        if (host == null || host.isEmpty() || host.length() > MAX_LENGTH) {
            return false;
        }
        // split drops trailing empty strings, so check the ends explicitly ("a." and ".a" are not names here).
        if (host.startsWith(".") || host.endsWith(".")) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
