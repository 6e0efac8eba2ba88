package dev.portway.edge;

import java.util.Locale;
import java.util.Map;

/**
 * The internal endpoints ({@code tcp://name.internal:port}) of one account, by URL: what a forward-internal of a
 * policy of that account can reach, and nothing else. Never listened on. Immutable.
 */
final class InternalEndpoints {

    static final InternalEndpoints NONE = new InternalEndpoints(Map.of());

    private final Map<String, Pool> byUrl;

    /** @param byUrl keys as {@link #key} makes them */
    InternalEndpoints(Map<String, Pool> byUrl) {
        this.byUrl = Map.copyOf(byUrl);
    }

    /** URLs compare case-insensitively (the host is a DNS-style name). */
    static String key(String url) {
        return url.toLowerCase(Locale.ROOT);
    }

    /** The members at {@code url}, or null when no such internal endpoint is online. */
    Pool pool(String url) {
        Pool pool = byUrl.get(url);
        return pool != null ? pool : byUrl.get(key(url));
    }

    Map<String, Pool> byUrl() {
        return byUrl;
    }
}
