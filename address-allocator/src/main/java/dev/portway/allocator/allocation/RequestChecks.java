package dev.portway.allocator.allocation;

import dev.portway.allocator.pool.HostNames;
import dev.portway.allocator.pool.Pool;
import dev.portway.allocator.pool.PoolSet;
import dev.portway.allocator.pool.PortRange;
import dev.portway.service.grpc.UserText;

import java.util.List;
import java.util.Map;

/** Field checks shared by the requests; each failure names the field and says what to do. */
public final class RequestChecks {

    public static final int MAX_DESCRIPTION = 256;
    public static final int MAX_METADATA_ENTRIES = 16;
    public static final int MAX_METADATA_KEY = 63;
    public static final int MAX_METADATA_VALUE = 256;

    private final PoolSet pools;

    public RequestChecks(PoolSet pools) {
        this.pools = pools;
    }

    public static void checkDescription(String description) {
        int length = length(description);
        if (length > MAX_DESCRIPTION) {
            throw invalid("description is " + length + " characters long; at most " + MAX_DESCRIPTION
                    + " are allowed: shorten it");
        }
    }

    public static void checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw invalid("metadata has " + metadata.size() + " entries; at most " + MAX_METADATA_ENTRIES
                    + " are allowed: drop some");
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.isBlank()) {
                throw invalid("metadata key must not be empty: give every entry a name");
            }
            if (length(key) > MAX_METADATA_KEY) {
                throw invalid("metadata key " + echo(key) + " is " + length(key) + " characters long; keys may have"
                        + " at most " + MAX_METADATA_KEY + ": shorten it");
            }
            if (length(entry.getValue()) > MAX_METADATA_VALUE) {
                throw invalid("metadata value of key " + echo(key) + " is " + length(entry.getValue())
                        + " characters long; values may have at most " + MAX_METADATA_VALUE + ": shorten it");
            }
        }
    }

    /**
     * Checks an optional host: empty stays empty, anything else must be one of the pool hosts.
     *
     * @return the host in lower case, or empty
     */
    public String poolHost(String field, String host) {
        String normalized = HostNames.normalize(host);
        if (normalized.isEmpty()) {
            return normalized;
        }
        if (!HostNames.isDnsName(normalized)) {
            throw invalid(field + " " + echo(host) + " is not a DNS name; use one of the pool hosts ("
                    + String.join(", ", pools.hosts()) + ") or leave " + field + " empty for any pool");
        }
        if (!pools.isPoolHost(normalized)) {
            throw invalid(field + " " + echo(host) + " is not a pool host; use one of: "
                    + String.join(", ", pools.hosts()) + " (or leave " + field + " empty for any pool)");
        }
        return normalized;
    }

    /** Checks a host that must be given (to look an address up); it need not be a pool host any more. */
    public static String requiredHost(String field, String host) {
        String normalized = HostNames.normalize(host);
        if (normalized.isEmpty()) {
            throw invalid(field + " is required: set it to the host of the address");
        }
        if (!HostNames.isDnsName(normalized)) {
            throw invalid(field + " " + echo(host) + " is not a DNS name: use the host of the address");
        }
        return normalized;
    }

    /** Checks a port where 0 means "any". */
    public static int optionalPort(String field, long port) {
        if (port < 0 || port > PortRange.MAX_PORT) {
            throw invalid(field + " " + port + " is not a TCP port; use 1-" + PortRange.MAX_PORT
                    + ", or 0 for a random free port");
        }
        return (int) port;
    }

    public static int requiredPort(String field, long port) {
        if (port < 1 || port > PortRange.MAX_PORT) {
            throw invalid(field + " " + port + " is not a TCP port; use 1-" + PortRange.MAX_PORT);
        }
        return (int) port;
    }

    /**
     * The pools a reservation may come from.
     *
     * @param host a checked pool host, or empty
     * @param port a checked port, or 0
     */
    public List<Pool> candidatePools(String host, int port) {
        List<Pool> ofHost = host.isEmpty() ? pools.all() : pools.poolsOf(host);
        if (port == 0) {
            return ofHost;
        }
        List<Pool> containing = ofHost.stream().filter(p -> p.ports().contains(port)).toList();
        if (containing.isEmpty()) {
            String where = host.isEmpty() ? "every pool (" : "every pool of host '" + host + "' (";
            throw new AllocationException(Failure.OUT_OF_RANGE, "port " + port + " is outside " + where
                    + pools.describe(ofHost) + "); use a port in those ranges, or 0 for a random free port");
        }
        return containing;
    }

    public static AllocationException invalid(String message) {
        return new AllocationException(Failure.INVALID_ARGUMENT, message);
    }

    /** User text quoted for a message, cut to a sane length. */
    public static String echo(String text) {
        return UserText.echo(text);
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
