package dev.portway.cli;

import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CreateCloudEndpointRequest;
import dev.portway.api.v1.DeleteCloudEndpointRequest;
import dev.portway.api.v1.DeleteCloudEndpointResponse;
import dev.portway.api.v1.GetCloudEndpointRequest;
import dev.portway.api.v1.ListCloudEndpointsRequest;
import dev.portway.api.v1.ListCloudEndpointsResponse;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.UpdateCloudEndpointRequest;
import dev.portway.policy.IssueMessages;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.PolicyFormat;
import dev.portway.policy.Validation;
import com.google.protobuf.Timestamp;
import io.grpc.Contexts;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real gRPC PolicyService on a loopback port for the {@code endpoints cloud} tests. Policies are
 * judged by the real {@code portway-policy} library, exactly as the policy-engine does (cloud kind,
 * every error with its place in the INVALID_ARGUMENT message, warnings on the endpoint); cloud
 * endpoints live in memory, keyed by account, on the addresses {@link #reserved} lists. It records
 * every request and authorization header.
 */
final class InTestPolicyEngine implements AutoCloseable {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** Bearer token → account. */
    static final Map<String, String> ACCOUNTS = Map.of("tok-1", "acme", "tok-2", "globex");
    /** Small pages, so that listing has to follow page tokens. */
    static final int MAX_PAGE_SIZE = 2;

    private static final Context.Key<String> ACCOUNT = Context.key("account");

    /** Address URL → the account that reserved it (the allocator's part). */
    final Map<String, String> reserved = new ConcurrentHashMap<>(Map.of(
            "tcp://1.tcp.portway.local:20001", "acme",
            "tcp://1.tcp.portway.local:20002", "acme",
            "tcp://1.tcp.portway.local:20003", "acme",
            "tcp://1.tcp.portway.local:20009", "globex"));
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<Object> requests = new CopyOnWriteArrayList<>();
    /** Stored cloud endpoints by id. */
    final Map<String, CloudEndpoint> endpoints = new ConcurrentHashMap<>();

    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger revision = new AtomicInteger();
    private final Server server;

    InTestPolicyEngine() throws IOException {
        ServerInterceptor authenticate = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String authorization = String.valueOf(headers.get(AUTHORIZATION));
                authorizations.add(authorization);
                String account = authorization.startsWith("Bearer ")
                        ? ACCOUNTS.get(authorization.substring("Bearer ".length())) : null;
                if (account == null) {
                    call.close(Status.UNAUTHENTICATED.withDescription("authtoken not recognised"), new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return Contexts.interceptCall(Context.current().withValue(ACCOUNT, account), call, headers, next);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Service(), authenticate))
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Stores a cloud endpoint as create would, for tests that start with some. */
    CloudEndpoint store(String account, String url, String policy) {
        return save(CloudEndpoint.newBuilder()
                .setId("cep_" + nextId.incrementAndGet())
                .setAccount(account)
                .setUrl(url)
                .setCreatedAt(now()), policy, "", Map.of(), false);
    }

    /** The policy engine's check: a policy must be valid for a cloud endpoint, else every error is listed. */
    private static Validation validCloudPolicy(String policy) {
        Validation validation = PolicyCompiler.validate(policy, PolicyFormat.AUTO, EndpointKind.CLOUD);
        if (!validation.valid()) {
            int errors = validation.errors().size();
            throw Status.INVALID_ARGUMENT.withDescription("traffic_policy is not valid for a cloud endpoint ("
                    + errors + " error" + (errors == 1 ? "" : "s") + "; nothing was stored):\n"
                    + validation.describeErrors()).asRuntimeException();
        }
        return validation;
    }

    private CloudEndpoint save(CloudEndpoint.Builder endpoint, String policy, String description,
            Map<String, String> metadata, boolean pooling) {
        Validation validation = validCloudPolicy(policy);
        CloudEndpoint saved = endpoint
                .setTrafficPolicy(policy)
                .setDescription(description)
                .clearMetadata()
                .putAllMetadata(metadata)
                .setPoolingEnabled(pooling)
                .setUpdatedAt(now())
                .setRevision(revision.incrementAndGet())
                .clearPolicyWarnings()
                .addAllPolicyWarnings(IssueMessages.of(validation.warnings()))
                .build();
        endpoints.put(saved.getId(), saved);
        return saved;
    }

    private static Timestamp now() {
        return Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
    }

    private CloudEndpoint owned(String id) {
        CloudEndpoint endpoint = endpoints.get(id);
        if (endpoint == null || !endpoint.getAccount().equals(ACCOUNT.get())) {
            throw Status.NOT_FOUND.withDescription("no cloud endpoint has id '" + id
                    + "'; list yours with ListCloudEndpoints").asRuntimeException();
        }
        return endpoint;
    }

    private <T> void answer(Object request, StreamObserver<T> out, Supplier<T> work) {
        requests.add(request);
        T result;
        try {
            result = work.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    private final class Service extends PolicyServiceGrpc.PolicyServiceImplBase {

        @Override
        public void createCloudEndpoint(CreateCloudEndpointRequest request, StreamObserver<CloudEndpoint> out) {
            answer(request, out, () -> {
                synchronized (endpoints) {
                    String url = request.getUrl();
                    CloudEndpoint.Builder draft = CloudEndpoint.newBuilder()
                            .setId("cep_" + nextId.incrementAndGet())
                            .setAccount(ACCOUNT.get())
                            .setUrl(url)
                            .setCreatedAt(now());
                    // The policy first, as the engine does: an invalid one is refused whatever the URL.
                    validCloudPolicy(request.getTrafficPolicy());
                    if (!ACCOUNT.get().equals(reserved.get(url))) {
                        String hostPort = url.substring("tcp://".length());
                        throw Status.FAILED_PRECONDITION.withDescription("url " + url + " is not an address your"
                                + " account reserved; reserve it first (portway addresses reserve --host "
                                + hostPort.substring(0, hostPort.lastIndexOf(':')) + " --port "
                                + hostPort.substring(hostPort.lastIndexOf(':') + 1) + ") or use the URL of one of"
                                + " your addresses").asRuntimeException();
                    }
                    if (endpoints.values().stream().anyMatch(e -> e.getUrl().equals(url))) {
                        throw Status.ALREADY_EXISTS.withDescription("url " + url + " already has a cloud endpoint;"
                                + " update that one (UpdateCloudEndpoint) or delete it first").asRuntimeException();
                    }
                    return save(draft, request.getTrafficPolicy(), request.getDescription(),
                            request.getMetadataMap(), request.getPoolingEnabled());
                }
            });
        }

        @Override
        public void updateCloudEndpoint(UpdateCloudEndpointRequest request, StreamObserver<CloudEndpoint> out) {
            answer(request, out, () -> save(owned(request.getId()).toBuilder(), request.getTrafficPolicy(),
                    request.getDescription(), request.getMetadataMap(), request.getPoolingEnabled()));
        }

        @Override
        public void deleteCloudEndpoint(DeleteCloudEndpointRequest request,
                StreamObserver<DeleteCloudEndpointResponse> out) {
            answer(request, out, () -> {
                CloudEndpoint deleted = owned(request.getId());
                endpoints.remove(deleted.getId());
                return DeleteCloudEndpointResponse.newBuilder().setDeleted(deleted).build();
            });
        }

        @Override
        public void getCloudEndpoint(GetCloudEndpointRequest request, StreamObserver<CloudEndpoint> out) {
            answer(request, out, () -> owned(request.getId()));
        }

        @Override
        public void listCloudEndpoints(ListCloudEndpointsRequest request,
                StreamObserver<ListCloudEndpointsResponse> out) {
            answer(request, out, () -> {
                TreeMap<String, CloudEndpoint> byUrl = new TreeMap<>();
                endpoints.values().stream()
                        .filter(e -> e.getAccount().equals(ACCOUNT.get()))
                        .forEach(e -> byUrl.put(e.getUrl(), e));
                List<CloudEndpoint> all = new ArrayList<>(byUrl.values());
                int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
                int to = Math.min(from + Math.min(request.getPageSize(), MAX_PAGE_SIZE), all.size());
                return ListCloudEndpointsResponse.newBuilder()
                        .addAllCloudEndpoints(all.subList(from, to))
                        .setNextPageToken(to < all.size() ? String.valueOf(to) : "")
                        .build();
            });
        }
    }

    Optional<CloudEndpoint> byUrl(String url) {
        return endpoints.values().stream().filter(e -> e.getUrl().equals(url)).findFirst();
    }
}
