package dev.portway.cli;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.ListAddressesRequest;
import dev.portway.api.v1.ListAddressesResponse;
import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.ReleaseAddressResponse;
import dev.portway.api.v1.ReserveAddressRequest;
import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC AddressService on a loopback port, answering from a fixed list, two addresses per
 * page, and recording what it was asked and with which authorization header.
 */
final class FakeAllocator implements AutoCloseable {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<Object> requests = new CopyOnWriteArrayList<>();
    volatile Status refuseWith;
    final List<Address> addresses = List.of(
            address("a1", 20001, AddressKind.ADDRESS_KIND_RESERVED, "postgres"),
            address("a2", 20002, AddressKind.ADDRESS_KIND_EPHEMERAL, ""),
            address("a3", 20003, AddressKind.ADDRESS_KIND_RESERVED, "ssh\nbastion"));

    private final Server server;

    FakeAllocator() throws IOException {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                authorizations.add(String.valueOf(headers.get(AUTHORIZATION)));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Service(), recordAuthorization))
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    static Address address(String id, int port, AddressKind kind, String description) {
        return Address.newBuilder()
                .setId(id)
                .setHost("1.tcp.portway.local")
                .setPort(port)
                .setAccount("acme")
                .setKind(kind)
                .setDescription(description)
                .setCreatedAt(Timestamp.newBuilder().setSeconds(1_767_225_600L + port))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Service extends AddressServiceGrpc.AddressServiceImplBase {
        @Override
        public void reserve(ReserveAddressRequest request, StreamObserver<Address> out) {
            requests.add(request);
            if (refuseWith != null) {
                out.onError(refuseWith.asRuntimeException());
                return;
            }
            out.onNext(address("a9", request.getPort() == 0 ? 20009 : request.getPort(),
                    AddressKind.ADDRESS_KIND_RESERVED, request.getDescription()));
            out.onCompleted();
        }

        @Override
        public void release(ReleaseAddressRequest request, StreamObserver<ReleaseAddressResponse> out) {
            requests.add(request);
            out.onNext(ReleaseAddressResponse.newBuilder().setReleased(addresses.get(0)).build());
            out.onCompleted();
        }

        @Override
        public void list(ListAddressesRequest request, StreamObserver<ListAddressesResponse> out) {
            requests.add(request);
            int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
            int to = Math.min(from + 2, addresses.size());
            out.onNext(ListAddressesResponse.newBuilder()
                    .addAllAddresses(addresses.subList(from, to))
                    .setNextPageToken(to < addresses.size() ? String.valueOf(to) : "")
                    .build());
            out.onCompleted();
        }
    }
}
