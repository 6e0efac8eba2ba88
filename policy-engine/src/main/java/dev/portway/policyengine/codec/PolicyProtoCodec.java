package dev.portway.policyengine.codec;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.PolicyDecision;
import dev.portway.api.v1.PolicyEndpointKind;
import dev.portway.api.v1.PolicyFormat;
import dev.portway.api.v1.PolicyLogEvent;
import dev.portway.policy.Decision;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.IssueMessages;
import dev.portway.policy.LogEvent;
import dev.portway.policyengine.endpoints.CloudEndpoints;

import java.util.Map;

/** Converts between the portway-policy library's types and the portway.v1 policy messages. */
public final class PolicyProtoCodec {

    private PolicyProtoCodec() {
    }

    public static dev.portway.policy.PolicyFormat format(PolicyFormat format) {
        return switch (format) {
            case POLICY_FORMAT_YAML -> dev.portway.policy.PolicyFormat.YAML;
            case POLICY_FORMAT_JSON -> dev.portway.policy.PolicyFormat.JSON;
            default -> dev.portway.policy.PolicyFormat.AUTO;
        };
    }

    public static EndpointKind kind(PolicyEndpointKind kind) {
        return kind == PolicyEndpointKind.POLICY_ENDPOINT_KIND_CLOUD ? EndpointKind.CLOUD : EndpointKind.AGENT;
    }

    public static PolicyDecision decision(Decision decision) {
        PolicyDecision.Builder builder = PolicyDecision.newBuilder()
                .setOutcome(switch (decision.outcome()) {
                    case ALLOW -> PolicyDecision.Outcome.ALLOW;
                    case FORWARD_INTERNAL -> PolicyDecision.Outcome.FORWARD_INTERNAL;
                    case CLOSE -> PolicyDecision.Outcome.CLOSE;
                })
                .setPolicyId(decision.policyId())
                .setEndpointUrl(decision.endpointUrl())
                .setForwardUrl(decision.forwardUrl())
                .setDetail(decision.detail());
        if (decision.next() != null) {
            builder.setNext(decision(decision.next()));
        }
        if (decision.closeReason() != null) {
            builder.setCloseReason(PolicyDecision.CloseReason.valueOf(decision.closeReason().name()));
        }
        for (Map.Entry<String, Object> entry : decision.vars().entrySet()) {
            builder.putVars(entry.getKey(), Decision.text(entry.getValue()));
        }
        for (LogEvent event : decision.events()) {
            builder.addEvents(PolicyLogEvent.newBuilder()
                    .setKind(PolicyLogEvent.Kind.valueOf(event.kind().name()))
                    .setPolicyId(event.policyId())
                    .setPhase(event.phase())
                    .setRuleIndex(event.ruleIndex())
                    .setRuleName(event.ruleName())
                    .setActionIndex(event.actionIndex())
                    .putAllMetadata(event.metadata()));
        }
        return builder.build();
    }

    public static CloudEndpoint cloudEndpoint(CloudEndpoints.View view) {
        return CloudEndpointCodec.toProto(view.record()).toBuilder()
                .addAllPolicyWarnings(IssueMessages.of(view.warnings()))
                .build();
    }
}
