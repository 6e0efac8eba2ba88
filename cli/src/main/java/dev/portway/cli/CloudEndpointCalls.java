package dev.portway.cli;

import dev.portway.api.v1.PolicyServiceGrpc.PolicyServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Function;

/**
 * One call to the policy-engine for a cloud-endpoint command. The engine's messages already name the
 * field and what to do in API terms; refusals get the command that helps appended.
 */
final class CloudEndpointCalls {

    private static final String LIST = "portway endpoints cloud list";

    private CloudEndpointCalls() {}

    static <T> T call(ServiceClient<PolicyServiceBlockingStub> client, Function<PolicyServiceBlockingStub, T> call) {
        try {
            return client.call(call);
        } catch (StatusRuntimeException e) {
            throw explained(e);
        }
    }

    static StatusRuntimeException explained(StatusRuntimeException e) {
        Status status = e.getStatus();
        String message = status.getDescription() == null ? "" : status.getDescription();
        String hint = switch (status.getCode()) {
            case ALREADY_EXISTS -> "its id is in: " + LIST;
            case NOT_FOUND -> "your cloud endpoints are in: " + LIST;
            case FAILED_PRECONDITION -> message.contains("portway addresses reserve") ? null
                    : "reserve the address first: portway addresses reserve --host <host> --port <port>";
            case UNAUTHENTICATED -> "check --authtoken or PORTWAY_AUTHTOKEN (./portway up prints the suite's)";
            default -> null;
        };
        if (hint == null) {
            return e;
        }
        return status.withDescription(message.isEmpty() ? hint : message + "\n" + hint).asRuntimeException();
    }
}
