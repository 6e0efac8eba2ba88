package dev.portway.policyengine.grpc;

import dev.portway.auth.Caller;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CloudEndpointEvent;
import dev.portway.api.v1.CreateCloudEndpointRequest;
import dev.portway.api.v1.DeleteCloudEndpointRequest;
import dev.portway.api.v1.DeleteCloudEndpointResponse;
import dev.portway.api.v1.EvaluatePolicyRequest;
import dev.portway.api.v1.EvaluatePolicyResponse;
import dev.portway.api.v1.GetCloudEndpointRequest;
import dev.portway.api.v1.InternalEndpoint;
import dev.portway.api.v1.ListCloudEndpointsRequest;
import dev.portway.api.v1.ListCloudEndpointsResponse;
import dev.portway.api.v1.PolicyConnection;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.UpdateCloudEndpointRequest;
import dev.portway.api.v1.ValidatePolicyRequest;
import dev.portway.api.v1.ValidatePolicyResponse;
import dev.portway.api.v1.WatchCloudEndpointsRequest;
import dev.portway.policy.CompiledPolicy;
import dev.portway.policy.IssueMessages;
import dev.portway.policy.ConnectionFacts;
import dev.portway.policy.Decision;
import dev.portway.policy.EndpointFacts;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.EvaluationContext;
import dev.portway.policy.InternalTarget;
import dev.portway.policy.InvalidPolicyException;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.RateLimiter;
import dev.portway.policy.Validation;
import dev.portway.policyengine.codec.CloudEndpointCodec;
import dev.portway.policyengine.codec.PolicyProtoCodec;
import dev.portway.policyengine.config.PolicyEngineConfig;
import dev.portway.policyengine.endpoints.CloudEndpoints;
import dev.portway.policyengine.endpoints.EngineException;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.service.grpc.AccountResolver;
import dev.portway.service.grpc.GrpcCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PolicyService contract (portway/v1/policy.proto). Each method reads the caller on the calling thread, then
 * does the work (compiling, store, allocator calls) through {@link GrpcCalls} (on {@code policy-call} threads),
 * never on the event loop.
 */
@GrpcService
public class PolicyGrpcService extends PolicyServiceGrpc.PolicyServiceImplBase {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_INTERNAL_ENDPOINTS = 100;
    static final String INLINE_POLICY_ID = "inline";

    @Inject
    CloudEndpoints endpoints;

    @Inject
    GrpcCalls calls;

    @Inject
    PolicyEngineConfig config;

    @Inject
    MeterRegistry registry;

    @Override
    public void validate(ValidatePolicyRequest request, StreamObserver<ValidatePolicyResponse> out) {
        Caller.current();
        calls.unary(out, () -> {
            Validation validation = PolicyCompiler.validate(request.getPolicy(),
                    PolicyProtoCodec.format(request.getFormat()), PolicyProtoCodec.kind(request.getEndpointKind()));
            registry.counter("portway.policy.validations", "valid", Boolean.toString(validation.valid())).increment();
            return ValidatePolicyResponse.newBuilder()
                    .setValid(validation.valid())
                    .addAllErrors(IssueMessages.of(validation.errors()))
                    .addAllWarnings(IssueMessages.of(validation.warnings()))
                    .build();
        });
    }

    @Override
    public void evaluate(EvaluatePolicyRequest request, StreamObserver<EvaluatePolicyResponse> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            CompiledPolicy policy;
            EndpointFacts endpoint;
            if (request.getSourceCase() == EvaluatePolicyRequest.SourceCase.CLOUD_ENDPOINT_ID) {
                String account = AccountResolver.resolve(caller, request.getAccount());
                policy = endpoints.compiledPolicy(account, request.getCloudEndpointId());
                CloudEndpointRecord record = endpoints.find(request.getCloudEndpointId()).orElseThrow();
                endpoint = request.hasEndpoint() && !request.getEndpoint().getUrl().isEmpty()
                        ? endpointFacts("endpoint", request.getEndpoint().getId(), request.getEndpoint().getUrl())
                        : endpointFacts("endpoint", record.id(), record.url());
            } else {
                policy = compile("policy", INLINE_POLICY_ID, request.getPolicy(), request.getFormat(),
                        PolicyProtoCodec.kind(request.getEndpointKind()));
                endpoint = endpointFacts("endpoint", request.getEndpoint().getId(), request.getEndpoint().getUrl());
            }
            ConnectionFacts connection = connectionFacts(request.getConnection());
            Map<String, InternalTarget> internal = internalEndpoints(request.getInternalEndpointsList());
            Clock clock = request.hasNow()
                    ? Clock.fixed(CloudEndpointCodec.instant(request.getNow()), ZoneOffset.UTC)
                    : Clock.systemUTC();
            EvaluationContext context = new EvaluationContext(url -> Optional.ofNullable(internal.get(url)), clock,
                    new RateLimiter(), config.maxForwardDepth());
            Decision decision = policy.evaluate(connection, endpoint, context);
            registry.counter("portway.policy.evaluations", "outcome", decision.terminal().outcome().name())
                    .increment();
            return EvaluatePolicyResponse.newBuilder()
                    .setDecision(PolicyProtoCodec.decision(decision))
                    .addAllWarnings(IssueMessages.of(policy.warnings()))
                    .build();
        });
    }

    @Override
    public void createCloudEndpoint(CreateCloudEndpointRequest request, StreamObserver<CloudEndpoint> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            return PolicyProtoCodec.cloudEndpoint(endpoints.create(account, request.getUrl(),
                    request.getTrafficPolicy(), request.getDescription(), request.getMetadataMap(),
                    request.getPoolingEnabled()));
        });
    }

    @Override
    public void updateCloudEndpoint(UpdateCloudEndpointRequest request, StreamObserver<CloudEndpoint> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            return PolicyProtoCodec.cloudEndpoint(endpoints.update(account, request.getId(),
                    request.getTrafficPolicy(), request.getDescription(), request.getMetadataMap(),
                    request.getPoolingEnabled()));
        });
    }

    @Override
    public void deleteCloudEndpoint(DeleteCloudEndpointRequest request,
            StreamObserver<DeleteCloudEndpointResponse> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            return DeleteCloudEndpointResponse.newBuilder()
                    .setDeleted(PolicyProtoCodec.cloudEndpoint(endpoints.delete(account, request.getId())))
                    .build();
        });
    }

    @Override
    public void getCloudEndpoint(GetCloudEndpointRequest request, StreamObserver<CloudEndpoint> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            return PolicyProtoCodec.cloudEndpoint(endpoints.get(account, request.getId()));
        });
    }

    @Override
    public void listCloudEndpoints(ListCloudEndpointsRequest request, StreamObserver<ListCloudEndpointsResponse> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            int pageSize = request.getPageSize() == 0
                    ? DEFAULT_PAGE_SIZE
                    : (int) Math.min(Integer.toUnsignedLong(request.getPageSize()), MAX_PAGE_SIZE);
            CloudEndpoints.Page page = endpoints.list(account, PageTokens.decode(account, request.getPageToken()),
                    pageSize);
            return ListCloudEndpointsResponse.newBuilder()
                    .addAllCloudEndpoints(page.endpoints().stream().map(PolicyProtoCodec::cloudEndpoint).toList())
                    .setNextPageToken(PageTokens.encode(account, page.nextAfterUrl()))
                    .build();
        });
    }

    /**
     * Service token: every account's cloud endpoints. User authtoken: only its own account's (the snapshot and
     * the changes are filtered; revisions keep their global numbering).
     */
    @Override
    public void watchCloudEndpoints(WatchCloudEndpointsRequest request, StreamObserver<CloudEndpointEvent> out) {
        calls.watch(out, Caller.current(), request.getResumeFromRevision(), config.watchBufferSize(), endpoints,
                new CloudEndpointEvents(record -> PolicyProtoCodec.cloudEndpoint(endpoints.view(record))));
    }

    // --- Evaluate's inputs ---

    private static CompiledPolicy compile(String field, String id, String text, dev.portway.api.v1.PolicyFormat format,
            EndpointKind kind) {
        try {
            return PolicyCompiler.compile(id, text, PolicyProtoCodec.format(format), kind);
        } catch (InvalidPolicyException e) {
            throw EngineException.invalid(field + " is not valid for an endpoint of kind " + kind + " ("
                    + e.validation().errors().size() + " errors):\n" + e.validation().describeErrors());
        }
    }

    private static EndpointFacts endpointFacts(String field, String id, String url) {
        if (url == null || url.isEmpty()) {
            return new EndpointFacts(id, "", "", 0, "tcp");
        }
        try {
            return EndpointFacts.ofUrl(id, url);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid(field + ".url: " + e.getMessage());
        }
    }

    private static ConnectionFacts connectionFacts(PolicyConnection connection) {
        if (connection.getClientPort() > 65535 || connection.getServerPort() > 65535) {
            throw EngineException.invalid("connection.client_port and connection.server_port must be TCP ports"
                    + " (0-65535)");
        }
        Instant start = connection.hasStart() ? CloudEndpointCodec.instant(connection.getStart()) : Instant.now();
        try {
            return ConnectionFacts.of(connection.getClientIp(), connection.getClientPort(), connection.getServerIp(),
                    connection.getServerPort(), start);
        } catch (IllegalArgumentException e) {
            throw EngineException.invalid("connection." + e.getMessage());
        }
    }

    private static Map<String, InternalTarget> internalEndpoints(List<InternalEndpoint> list) {
        if (list.size() > MAX_INTERNAL_ENDPOINTS) {
            throw EngineException.invalid("internal_endpoints has " + list.size() + " entries; at most "
                    + MAX_INTERNAL_ENDPOINTS);
        }
        Map<String, InternalTarget> targets = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            InternalEndpoint internal = list.get(i);
            String field = "internal_endpoints[" + i + "]";
            if (!PolicyCompiler.isInternalUrl(internal.getUrl())) {
                throw EngineException.invalid(field + ".url '" + internal.getUrl() + "' is not"
                        + " tcp://<name>.internal:<port>");
            }
            String id = internal.getId().isEmpty() ? internal.getUrl() : internal.getId();
            EndpointFacts facts = endpointFacts(field, id, internal.getUrl());
            CompiledPolicy policy = internal.getPolicy().isBlank() ? null
                    : compile(field + ".policy", id, internal.getPolicy(),
                            dev.portway.api.v1.PolicyFormat.POLICY_FORMAT_AUTO, EndpointKind.AGENT);
            targets.put(internal.getUrl(), internal.getOnline()
                    ? InternalTarget.online(facts, policy) : InternalTarget.offline(facts));
        }
        return targets;
    }
}
