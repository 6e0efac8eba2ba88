package dev.portway.allocator.allocation;

import java.util.Map;

/**
 * What a caller asks Reserve for, before validation.
 *
 * @param host a pool host, or empty for any pool
 * @param port a specific port, or 0 for a random free one (a long so that out-of-range values can be refused)
 */
public record ReserveCommand(String account, String host, long port, String description,
        Map<String, String> metadata, boolean ephemeral) {

    public ReserveCommand {
        host = host == null ? "" : host;
        description = description == null ? "" : description;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
