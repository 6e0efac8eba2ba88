package dev.portway.edge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.net.InetAddresses;
import dev.portway.policy.ConnectionFacts;
import dev.portway.policy.Decision;
import dev.portway.policy.LogEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The edge's structured events, one JSON object per line on the logger category {@value #CATEGORY} (its own
 * handler prints the bare line, see application.properties), so operators can route and parse them:
 * <ul>
 * <li>{@code policy_log}: every event a policy emitted for a connection (a {@code log} action; also a
 *     non-enforcing restrict-ips that would have closed, and a CEL expression that failed at run time);</li>
 * <li>{@code tcp_connection_closed}: exactly one per accepted connection, when it is over.</li>
 * </ul>
 * Written with Jackson's streaming generator on the event loop; nothing is built when events are off. The lines go to
 * a sink: in the service an {@link EventLogWriter}, which writes them to the log off the event loops.
 */
final class EdgeEvents {

    static final String CATEGORY = "portway.events";

    private static final JsonFactory JSON = new JsonFactory();

    private final boolean enabled;
    private final Consumer<String> sink;

    EdgeEvents(boolean enabled, Consumer<String> sink) {
        this.enabled = enabled;
        this.sink = sink;
    }

    /** The events of every policy of the connection's chain, each naming the endpoint whose policy emitted it. */
    void policyEvents(Admission admission, ConnectionFacts connection) {
        if (!enabled || admission.decision() == null) {
            return;
        }
        int link = 0;
        for (Decision decision = admission.decision(); decision != null; decision = decision.next(), link++) {
            if (decision.events().isEmpty()) {
                continue;
            }
            Decision at = decision;
            RouteMember member = link == 0 ? admission.entry()
                    : link - 1 < admission.hops().size() ? admission.hops().get(link - 1) : null;
            for (LogEvent event : at.events()) {
                emit(json -> {
                    json.writeStringField("event", "policy_log");
                    json.writeStringField("ts", Instant.now().toString());
                    json.writeStringField("kind", event.kind().name().toLowerCase(Locale.ROOT));
                    json.writeStringField("endpoint_url", at.endpointUrl());
                    json.writeStringField("endpoint_id", member == null ? "" : member.id());
                    json.writeStringField("account", admission.entry().account());
                    json.writeStringField("policy_id", event.policyId());
                    json.writeStringField("phase", event.phase());
                    json.writeNumberField("rule_index", event.ruleIndex());
                    json.writeStringField("rule_name", event.ruleName());
                    json.writeNumberField("action_index", event.actionIndex());
                    connection(json, connection);
                    json.writeObjectFieldStart("metadata");
                    for (Map.Entry<String, String> field : event.metadata().entrySet()) {
                        json.writeStringField(field.getKey(), field.getValue());
                    }
                    json.writeEndObject();
                });
            }
        }
    }

    /**
     * One accepted connection is over.
     *
     * @param ended how it ended after the decision: "done", or why the edge ended it (bridge, agent, offline...)
     */
    void connectionClosed(Admission admission, ConnectionFacts connection, long durationMillis, long bytesIn,
                          long bytesOut, String ended) {
        if (!enabled) {
            return;
        }
        emit(json -> {
            json.writeStringField("event", "tcp_connection_closed");
            json.writeStringField("ts", Instant.now().toString());
            RouteMember entry = admission.entry();
            json.writeStringField("endpoint_url", entry == null ? "" : entry.url());
            json.writeStringField("endpoint_id", entry == null ? "" : entry.id());
            json.writeStringField("account", entry == null ? "" : entry.account());
            connection(json, connection);
            json.writeNumberField("duration_ms", durationMillis);
            json.writeNumberField("bytes_in", bytesIn);
            json.writeNumberField("bytes_out", bytesOut);
            Decision decision = admission.decision();
            if (admission instanceof Admission.Route route) {
                boolean forwarded = decision.outcome() == Decision.Outcome.FORWARD_INTERNAL;
                json.writeStringField("decision", forwarded ? "forward-internal" : "allow");
                if (forwarded) {
                    json.writeStringField("forward_url", decision.forwardUrl());
                }
                json.writeStringField("target_url", route.target().url());
                json.writeStringField("target_id", route.target().id());
            } else if (admission instanceof Admission.Refuse refuse) {
                json.writeStringField("decision", "close");
                json.writeStringField("close_reason", refuse.reason());
                json.writeStringField("close_detail", refuse.detail());
                if (decision != null && decision.outcome() == Decision.Outcome.FORWARD_INTERNAL) {
                    json.writeStringField("forward_url", decision.forwardUrl());
                }
            }
            json.writeStringField("ended", ended);
        });
    }

    private static void connection(JsonGenerator json, ConnectionFacts connection) throws IOException {
        json.writeStringField("client_ip", InetAddresses.toAddrString(connection.clientIp()));
        json.writeNumberField("client_port", connection.clientPort());
        json.writeStringField("server_ip", InetAddresses.toAddrString(connection.serverIp()));
        json.writeNumberField("server_port", connection.serverPort());
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private void emit(Fields fields) {
        StringWriter line = new StringWriter(384);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        sink.accept(line.toString());
    }
}
