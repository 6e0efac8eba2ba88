package dev.portway.edge;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.AddressSnapshot;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.CloudEndpointEvent;
import dev.portway.api.v1.CloudEndpointSnapshot;
import dev.portway.api.v1.ConnectionBrokerGrpc;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.EndpointDirectoryGrpc;
import dev.portway.api.v1.EndpointEvent;
import dev.portway.api.v1.EndpointSnapshot;
import dev.portway.api.v1.OpenRequest;
import dev.portway.api.v1.OpenResponse;
import dev.portway.api.v1.PolicyServiceGrpc;
import dev.portway.api.v1.WatchCloudEndpointsRequest;
import dev.portway.api.v1.WatchAddressesRequest;
import dev.portway.api.v1.WatchEndpointsRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process stand-ins for the allocator's {@code AddressService.Watch}, a bridge's
 * {@code EndpointDirectory.Watch} and {@code ConnectionBroker.Open}, and the policy-engine's
 * {@code PolicyService.WatchCloudEndpoints}, on real gRPC servers (127.0.0.1, port 0). Tests push events; the fakes record what the edge asked and which authorization it
 * presented.
 */
final class FakeControlPlane {

    private FakeControlPlane() {}

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** Remembers the {@code authorization} header of every call. */
    static final class AuthRecorder {
        final List<String> seen = new CopyOnWriteArrayList<>();

        <Q, R> ServerCallHandler<Q, R> around(ServerCallHandler<Q, R> next) {
            return (call, headers) -> {
                seen.add(String.valueOf(headers.get(AUTHORIZATION)));
                return next.startCall(call, headers);
            };
        }
    }

    /*
     * The fakes build their ServerServiceDefinition by hand instead of extending the generated
     * *ImplBase: Quarkus indexes test classes too, and would start a gRPC server of its own for any
     * BindableService it finds.
     */
    static Server serve(List<ServerServiceDefinition> services) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        services.forEach(builder::addService);
        return builder.build().start();
    }

    static String target(Server server) {
        return "127.0.0.1:" + server.getPort();
    }

    /** A watcher that went away must not be written to again. */
    private static <T> void forgetWhenCancelled(StreamObserver<T> responses, List<StreamObserver<T>> watchers, Object lock) {
        ((ServerCallStreamObserver<T>) responses).setOnCancelHandler(() -> {
            synchronized (lock) {
                watchers.remove(responses);
            }
        });
    }

    /** The allocator: a snapshot of its current addresses on every new watch, revisions counting up. */
    static final class Allocator {
        final AuthRecorder auth = new AuthRecorder();
        final List<Long> resumeRequests = new CopyOnWriteArrayList<>();
        private final Map<String, Address> addresses = new LinkedHashMap<>();
        private final List<StreamObserver<AddressEvent>> watchers = new ArrayList<>();
        private long revision;

        List<ServerServiceDefinition> definitions() {
            return List.of(ServerServiceDefinition.builder(AddressServiceGrpc.SERVICE_NAME)
                    .addMethod(AddressServiceGrpc.getWatchMethod(), auth.around(ServerCalls.asyncServerStreamingCall(this::watch)))
                    .build());
        }

        synchronized void watch(WatchAddressesRequest request, StreamObserver<AddressEvent> responses) {
            resumeRequests.add(request.getResumeFromRevision());
            watchers.add(responses);
            forgetWhenCancelled(responses, watchers, this);
            responses.onNext(AddressEvent.newBuilder().setRevision(revision)
                    .setSnapshot(AddressSnapshot.newBuilder().addAllAddresses(addresses.values())).build());
        }

        synchronized void reserve(Address address) {
            addresses.put(address.getId(), address);
            send(AddressEvent.newBuilder().setRevision(++revision).setReserved(address).build());
        }

        synchronized void release(Address address) {
            addresses.remove(address.getId());
            send(AddressEvent.newBuilder().setRevision(++revision).setReleased(address).build());
        }

        synchronized long revision() {
            return revision;
        }

        /** Ends every open watch as an unreachable server would. */
        synchronized void breakWatches() {
            watchers.forEach(w -> w.onError(Status.UNAVAILABLE.withDescription("allocator restarting").asRuntimeException()));
            watchers.clear();
        }

        private void send(AddressEvent event) {
            watchers.forEach(w -> w.onNext(event));
        }
    }

    /**
     * A bridge: its endpoint directory (snapshot first on every watch, then online/offline events)
     * and its connection broker, which passes each Open on to the {@link FakeAgent} (like the real
     * bridge sends OpenConnection on the agent's session) or fails it as told.
     */
    static final class Bridge {
        final AuthRecorder auth = new AuthRecorder();
        /** The authorization header of every Open, in order. */
        final AuthRecorder openAuth = new AuthRecorder();
        private final String bridgeId;
        private final FakeAgent agent;
        private final Map<String, Endpoint> online = new LinkedHashMap<>();
        private final List<StreamObserver<EndpointEvent>> watchers = new ArrayList<>();
        private volatile Status openFailure;

        Bridge(String bridgeId, FakeAgent agent) {
            this.bridgeId = bridgeId;
            this.agent = agent;
        }

        List<ServerServiceDefinition> definitions() {
            return List.of(
                    ServerServiceDefinition.builder(EndpointDirectoryGrpc.SERVICE_NAME)
                            .addMethod(EndpointDirectoryGrpc.getWatchMethod(), auth.around(ServerCalls.asyncServerStreamingCall(this::watch)))
                            .build(),
                    ServerServiceDefinition.builder(ConnectionBrokerGrpc.SERVICE_NAME)
                            .addMethod(ConnectionBrokerGrpc.getOpenMethod(), openAuth.around(ServerCalls.asyncUnaryCall(this::open)))
                            .build());
        }

        synchronized void watch(WatchEndpointsRequest request, StreamObserver<EndpointEvent> responses) {
            watchers.add(responses);
            forgetWhenCancelled(responses, watchers, this);
            responses.onNext(EndpointEvent.newBuilder().setSnapshot(EndpointSnapshot.newBuilder()
                    .setBridgeId(bridgeId).addAllEndpoints(online.values())).build());
        }

        /** Answers like the real bridge: at once, before the agent dialed. */
        void open(OpenRequest request, StreamObserver<OpenResponse> response) {
            Status failure = openFailure;
            if (failure != null) {
                response.onError(failure.asRuntimeException());
                return;
            }
            agent.open(request);
            response.onNext(OpenResponse.getDefaultInstance());
            response.onCompleted();
        }

        /** Every Open from now on fails with {@code status}, and the agent hears of none. */
        void failOpens(Status status) {
            openFailure = status;
        }

        synchronized int watcherCount() {
            return watchers.size();
        }

        synchronized void online(Endpoint endpoint) {
            online.put(endpoint.getId(), endpoint);
            watchers.forEach(w -> w.onNext(EndpointEvent.newBuilder().setOnline(endpoint).build()));
        }

        synchronized void offline(Endpoint endpoint) {
            online.remove(endpoint.getId());
            watchers.forEach(w -> w.onNext(EndpointEvent.newBuilder().setOffline(endpoint).build()));
        }

        synchronized void breakWatches() {
            watchers.forEach(w -> w.onError(Status.UNAVAILABLE.withDescription("bridge restarting").asRuntimeException()));
            watchers.clear();
        }
    }

    /**
     * The policy-engine's cloud endpoints: a snapshot on every new watch (the edge always asks for one), then
     * created/updated/deleted events. It can refuse new watches, as an engine that is down would.
     */
    static final class PolicyEngine {
        final AuthRecorder auth = new AuthRecorder();
        final List<Long> resumeRequests = new CopyOnWriteArrayList<>();
        private final Map<String, CloudEndpoint> endpoints = new LinkedHashMap<>();
        private final List<StreamObserver<CloudEndpointEvent>> watchers = new ArrayList<>();
        private long revision;
        private boolean down;

        List<ServerServiceDefinition> definitions() {
            return List.of(ServerServiceDefinition.builder(PolicyServiceGrpc.SERVICE_NAME)
                    .addMethod(PolicyServiceGrpc.getWatchCloudEndpointsMethod(),
                            auth.around(ServerCalls.asyncServerStreamingCall(this::watch)))
                    .build());
        }

        synchronized void watch(WatchCloudEndpointsRequest request, StreamObserver<CloudEndpointEvent> responses) {
            resumeRequests.add(request.getResumeFromRevision());
            if (down) {
                responses.onError(Status.UNAVAILABLE.withDescription("policy-engine down").asRuntimeException());
                return;
            }
            watchers.add(responses);
            forgetWhenCancelled(responses, watchers, this);
            responses.onNext(CloudEndpointEvent.newBuilder().setRevision(revision)
                    .setSnapshot(CloudEndpointSnapshot.newBuilder().addAllCloudEndpoints(endpoints.values())).build());
        }

        synchronized void create(CloudEndpoint endpoint) {
            endpoints.put(endpoint.getId(), endpoint);
            send(CloudEndpointEvent.newBuilder().setRevision(++revision).setCreated(endpoint).build());
        }

        synchronized void update(CloudEndpoint endpoint) {
            endpoints.put(endpoint.getId(), endpoint);
            send(CloudEndpointEvent.newBuilder().setRevision(++revision).setUpdated(endpoint).build());
        }

        synchronized void delete(CloudEndpoint endpoint) {
            endpoints.remove(endpoint.getId());
            send(CloudEndpointEvent.newBuilder().setRevision(++revision).setDeleted(endpoint).build());
        }

        /** Breaks every open watch and refuses new ones until {@link #up()}. */
        synchronized void down() {
            down = true;
            watchers.forEach(w -> w.onError(Status.UNAVAILABLE.withDescription("policy-engine restarting").asRuntimeException()));
            watchers.clear();
        }

        synchronized void up() {
            down = false;
        }

        synchronized int watcherCount() {
            return watchers.size();
        }

        private void send(CloudEndpointEvent event) {
            watchers.forEach(w -> w.onNext(event));
        }
    }
}
