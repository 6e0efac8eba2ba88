package dev.portway.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The structured events an edge writes on its log: one JSON object per line, among the other log lines. */
public final class EdgeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeEvents() {}

    /** Every JSON line of {@code log} that has an {@code event} field, in order. */
    public static List<JsonNode> read(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.hasNonNull("event")) {
                    events.add(node);
                }
            } catch (IOException notAnEvent) {
                // A log line that merely starts with '{' (or one being written right now).
            }
        }
        return events;
    }
}
