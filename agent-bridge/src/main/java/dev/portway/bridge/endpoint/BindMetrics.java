package dev.portway.bridge.endpoint;

import dev.portway.bridge.policy.PolicyCheck;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code portway_bridge_binds_total{outcome}}: bound, policy_invalid (the policy-engine found
 * errors), policy_engine_unavailable (a policy could not be checked: the policy-engine was
 * unreachable, too slow or refused the bridge), refused (anything else).
 */
@ApplicationScoped
public class BindMetrics {

    private final Counter bound;
    private final Counter policyInvalid;
    private final Counter policyEngineUnavailable;
    private final Counter refused;

    public BindMetrics(MeterRegistry meters) {
        bound = counter(meters, "bound");
        policyInvalid = counter(meters, "policy_invalid");
        policyEngineUnavailable = counter(meters, "policy_engine_unavailable");
        refused = counter(meters, "refused");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("portway_bridge_binds_total")
                .description("Bind requests by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    void record(Throwable error) {
        if (error == null) {
            bound.increment();
            return;
        }
        BindRefused refusal = BindRefused.from(error);
        if (PolicyCheck.FIELD.equals(refusal.field()) && refusal.code() == Status.Code.INVALID_ARGUMENT) {
            policyInvalid.increment();
        } else if (PolicyCheck.FIELD.equals(refusal.field())) {
            policyEngineUnavailable.increment();
        } else {
            refused.increment();
        }
    }
}
