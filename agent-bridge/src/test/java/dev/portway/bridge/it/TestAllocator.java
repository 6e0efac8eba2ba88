package dev.portway.bridge.it;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.GetAddressRequest;
import dev.portway.api.v1.ListPoolsRequest;
import dev.portway.api.v1.ListPoolsResponse;
import dev.portway.api.v1.Pool;
import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.ReleaseAddressResponse;
import dev.portway.api.v1.RenewLeasesRequest;
import dev.portway.api.v1.RenewLeasesResponse;
import dev.portway.api.v1.ReserveAddressRequest;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process AddressService peer speaking the real gRPC contract on a loopback port (as the
 * policy-engine's tests provide theirs): reserved addresses given up front, ephemeral addresses on
 * {@code localhost} from port 21000, the allocator's answers for another account's or an unknown
 * address, and only to the service token. It counts what each account reserved and released, so
 * tests can tell that a refused bind reserved nothing.
 */
final class TestAllocator {

    static final String HOST = "localhost";

    private final String serviceToken;
    private final Map<String, Address> byHostPort = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reserveCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> releaseCalls = new ConcurrentHashMap<>();
    private final AtomicInteger nextEphemeralPort = new AtomicInteger(21000);
    private Server server;

    TestAllocator(String serviceToken) {
        this.serviceToken = serviceToken;
    }

    TestAllocator reserved(String account, int port) {
        put(Address.newBuilder().setId("ad_" + port).setAccount(account).setHost(HOST).setPort(port)
                .setKind(AddressKind.ADDRESS_KIND_RESERVED).build());
        return this;
    }

    /** How many Reserve calls the bridge made for {@code account}. */
    int reserveCalls(String account) {
        return reserveCalls.computeIfAbsent(account, a -> new AtomicInteger()).get();
    }

    /** How many Release calls the bridge made for {@code account} (whether the address was still held or not). */
    int releaseCalls(String account) {
        return releaseCalls.computeIfAbsent(account, a -> new AtomicInteger()).get();
    }

    /** Whether {@code port} on {@link #HOST} is held (reserved or ephemeral) by anyone. */
    boolean isHeld(int port) {
        return byHostPort.containsKey(HOST + ":" + port);
    }

    private void put(Address address) {
        byHostPort.put(address.getHost() + ":" + address.getPort(), address);
    }

    int start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    // Calls are handled in the order they arrive on the bridge's one connection, so an answer
                    // to a later call means every earlier call (e.g. a release fired before an unbind was
                    // answered) has been handled: tests can tell what did NOT happen without waiting.
                    .directExecutor()
                    .addService(ServerInterceptors.intercept(new Service(), RequireServiceToken.of(serviceToken)))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server.getPort();
    }

    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private final class Service extends AddressServiceGrpc.AddressServiceImplBase {

        @Override
        public void reserve(ReserveAddressRequest request, StreamObserver<Address> out) {
            reserveCalls.computeIfAbsent(request.getAccount(), a -> new AtomicInteger()).incrementAndGet();
            if (!request.getEphemeral()) {
                out.onError(Status.UNIMPLEMENTED.withDescription("the test allocator reserves ephemeral addresses only")
                        .asRuntimeException());
                return;
            }
            Address address;
            if (request.getPort() == 0) {
                int port = nextEphemeralPort.getAndIncrement();
                address = Address.newBuilder().setId("ad_" + port).setAccount(request.getAccount()).setHost(HOST)
                        .setPort(port).setKind(AddressKind.ADDRESS_KIND_EPHEMERAL)
                        .setDescription(request.getDescription()).build();
                put(address);
            } else {
                // Taking back an ephemeral address the account holds (the lease is renewed).
                address = byHostPort.get(request.getHost() + ":" + request.getPort());
                if (address == null || !address.getAccount().equals(request.getAccount())
                        || address.getKind() != AddressKind.ADDRESS_KIND_EPHEMERAL) {
                    out.onError(Status.FAILED_PRECONDITION.withDescription("not an ephemeral address of the account")
                            .asRuntimeException());
                    return;
                }
            }
            out.onNext(address);
            out.onCompleted();
        }

        @Override
        public void get(GetAddressRequest request, StreamObserver<Address> out) {
            Address address = byHostPort.get(request.getAddress().getHostPort().getHost() + ":"
                    + request.getAddress().getHostPort().getPort());
            if (address == null) {
                out.onError(Status.NOT_FOUND.withDescription("no such address").asRuntimeException());
            } else if (!address.getAccount().equals(request.getAccount())) {
                out.onError(Status.PERMISSION_DENIED.withDescription("another account's").asRuntimeException());
            } else {
                out.onNext(address);
                out.onCompleted();
            }
        }

        @Override
        public void release(ReleaseAddressRequest request, StreamObserver<ReleaseAddressResponse> out) {
            releaseCalls.computeIfAbsent(request.getAccount(), a -> new AtomicInteger()).incrementAndGet();
            Address found = byHostPort.values().stream()
                    .filter(a -> a.getId().equals(request.getAddress().getId())).findFirst().orElse(null);
            if (found == null || !found.getAccount().equals(request.getAccount())) {
                out.onError(Status.NOT_FOUND.withDescription("no such address").asRuntimeException());
                return;
            }
            byHostPort.remove(found.getHost() + ":" + found.getPort());
            out.onNext(ReleaseAddressResponse.newBuilder().setReleased(found).build());
            out.onCompleted();
        }

        @Override
        public void renewLeases(RenewLeasesRequest request, StreamObserver<RenewLeasesResponse> out) {
            out.onNext(RenewLeasesResponse.getDefaultInstance());
            out.onCompleted();
        }

        @Override
        public void listPools(ListPoolsRequest request, StreamObserver<ListPoolsResponse> out) {
            out.onNext(ListPoolsResponse.newBuilder()
                    .addPools(Pool.newBuilder().setHost(HOST).setPortMin(20000).setPortMax(29999)).build());
            out.onCompleted();
        }
    }
}
