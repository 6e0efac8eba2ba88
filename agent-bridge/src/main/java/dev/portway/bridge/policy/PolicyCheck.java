package dev.portway.bridge.policy;

import dev.portway.api.v1.PolicyIssue;
import dev.portway.bridge.endpoint.BindRefused;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Checks the traffic policy of a bind with the policy-engine before anything is reserved or put
 * online: an invalid policy, or one that cannot be checked, refuses the bind. A bind without a
 * policy is never checked, so it does not need the policy-engine.
 */
@ApplicationScoped
public class PolicyCheck {

    /** The request field a policy refusal names. */
    public static final String FIELD = "traffic_policy";

    private static final Logger LOG = Logger.getLogger(PolicyCheck.class);

    private final PolicyEngineClient engine;

    public PolicyCheck(PolicyEngineClient engine) {
        this.engine = engine;
    }

    /** Whether {@code policy} counts as no policy at all (nothing to check, nothing to run). */
    public static boolean isAbsent(String policy) {
        return policy == null || policy.isBlank();
    }

    /**
     * Completes with the policy's warnings (none for no policy), or fails with a {@link BindRefused}:
     * INVALID_ARGUMENT on field {@value #FIELD} with every error, or UNAVAILABLE naming the
     * policy-engine that could not be reached.
     */
    public CompletionStage<List<PolicyIssue>> check(String policy) {
        if (isAbsent(policy)) {
            return CompletableFuture.completedFuture(List.of());
        }
        return engine.validateAgentPolicy(policy).handle((response, error) -> {
            if (error != null) {
                throw engineFailed(error);
            }
            if (!response.getValid()) {
                throw new BindRefused(Status.Code.INVALID_ARGUMENT, FIELD, PolicyIssues.refusal(response.getErrorsList()),
                        response.getErrorsList());
            }
            return response.getWarningsList();
        });
    }

    private BindRefused engineFailed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        Status status = Status.fromThrowable(cause);
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        String where = "the policy-engine at " + engine.address();
        String nothing = "; nothing was bound";
        return switch (status.getCode()) {
            case UNAVAILABLE -> new BindRefused(Status.Code.UNAVAILABLE, FIELD, where + " could not be reached ("
                    + detail + "), so the traffic policy could not be checked" + nothing + ": retry when it is up"
                    + " (the bridge's portway.bridge.policy-engine names it), or bind without a traffic policy");
            case DEADLINE_EXCEEDED -> new BindRefused(Status.Code.UNAVAILABLE, FIELD, where + " did not answer within "
                    + engine.timeout().toMillis() + " ms, so the traffic policy could not be checked" + nothing
                    + ": retry shortly, or bind without a traffic policy");
            case INVALID_ARGUMENT -> new BindRefused(Status.Code.INVALID_ARGUMENT, FIELD,
                    where + " refused the traffic policy (" + detail + ")" + nothing + ": fix it and bind again");
            case UNAUTHENTICATED, PERMISSION_DENIED -> {
                LOG.warnf("%s refused the bridge's service token (%s): the bridge and the policy-engine must share"
                        + " portway.auth.service-token", where, status.getCode());
                yield new BindRefused(Status.Code.INTERNAL, FIELD, where + " refused the bridge's credentials ("
                        + status.getCode() + "), so the traffic policy could not be checked" + nothing
                        + ": the operator must give the bridge and the policy-engine the same service token");
            }
            default -> new BindRefused(status.getCode(), FIELD, where + " could not check the traffic policy ("
                    + detail + ")" + nothing + ": retry shortly");
        };
    }
}
