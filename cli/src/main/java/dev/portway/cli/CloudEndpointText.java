package dev.portway.cli;

import dev.portway.api.v1.CloudEndpoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the {@code endpoints cloud} commands print about cloud endpoints. */
final class CloudEndpointText {

    private static final String[] HEADER = {"ID", "URL", "POOLING", "WARNINGS", "DESCRIPTION", "UPDATED"};

    private CloudEndpointText() {}

    /** {@code id:}, {@code url:}, {@code pooling:} on stdout; the policy's warnings on stderr. */
    static void printSaved(CloudEndpoint endpoint, PrintWriter out, PrintWriter err) {
        out.println("id: " + endpoint.getId());
        out.println("url: " + endpoint.getUrl());
        out.println("pooling: " + pooling(endpoint));
        out.flush();
        PolicyIssues.print(endpoint.getPolicyWarningsList(), "warning: ", err);
    }

    /** Everything about one cloud endpoint, its policy last (indented, as given). */
    static void printDetails(CloudEndpoint endpoint, PrintWriter out) {
        out.println("id: " + endpoint.getId());
        out.println("url: " + endpoint.getUrl());
        out.println("pooling: " + pooling(endpoint));
        out.println("description: " + Table.cell(endpoint.getDescription()));
        out.println("metadata: " + metadata(endpoint.getMetadataMap()));
        out.println("created: " + Table.time(endpoint.hasCreatedAt(), endpoint.getCreatedAt()));
        out.println("updated: " + Table.time(endpoint.hasUpdatedAt(), endpoint.getUpdatedAt()));
        out.println("revision: " + endpoint.getRevision());
        PolicyIssues.print(endpoint.getPolicyWarningsList(), "warning: ", out);
        out.println("traffic_policy:");
        endpoint.getTrafficPolicy().lines().forEach(line -> out.println("  " + line));
        out.flush();
    }

    static void printTable(List<CloudEndpoint> endpoints, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CloudEndpoint endpoint : endpoints) {
            rows.add(new String[] {
                endpoint.getId(),
                endpoint.getUrl(),
                pooling(endpoint),
                String.valueOf(endpoint.getPolicyWarningsCount()),
                Table.cell(endpoint.getDescription()),
                Table.time(endpoint.hasUpdatedAt(), endpoint.getUpdatedAt())
            });
        }
        Table.print(rows, out);
    }

    static String pooling(CloudEndpoint endpoint) {
        return endpoint.getPoolingEnabled() ? "enabled" : "disabled";
    }

    private static String metadata(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(metadata).forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(key).append('=').append(value);
        });
        return text.toString();
    }
}
