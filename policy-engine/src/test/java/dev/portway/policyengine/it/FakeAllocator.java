package dev.portway.policyengine.it;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.GetAddressRequest;
import io.grpc.Contexts;
import io.grpc.Context;
import io.grpc.Metadata;
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

/**
 * An in-process AddressService peer speaking the real gRPC contract on a loopback port: it answers Get for a
 * fixed set of addresses with the allocator's rules (NOT_FOUND, PERMISSION_DENIED for another account's), and
 * only to the service token.
 */
final class FakeAllocator {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> TOKEN = Context.key("token");

    private final Map<String, Address> addresses = new ConcurrentHashMap<>();
    private final String serviceToken;
    private Server server;

    FakeAllocator(String serviceToken) {
        this.serviceToken = serviceToken;
    }

    FakeAllocator reserved(String account, String host, int port) {
        return add(account, host, port, AddressKind.ADDRESS_KIND_RESERVED);
    }

    FakeAllocator ephemeral(String account, String host, int port) {
        return add(account, host, port, AddressKind.ADDRESS_KIND_EPHEMERAL);
    }

    private FakeAllocator add(String account, String host, int port, AddressKind kind) {
        addresses.put(host + ":" + port, Address.newBuilder().setId("ad_" + port).setAccount(account).setHost(host)
                .setPort(port).setKind(kind).build());
        return this;
    }

    int start() {
        AddressServiceGrpc.AddressServiceImplBase service = new AddressServiceGrpc.AddressServiceImplBase() {
            @Override
            public void get(GetAddressRequest request, StreamObserver<Address> out) {
                if (!("Bearer " + serviceToken).equals(TOKEN.get())) {
                    out.onError(Status.UNAUTHENTICATED.withDescription("service token expected").asRuntimeException());
                    return;
                }
                Address address = addresses.get(request.getAddress().getHostPort().getHost() + ":"
                        + request.getAddress().getHostPort().getPort());
                if (address == null) {
                    out.onError(Status.NOT_FOUND.withDescription("no such address").asRuntimeException());
                } else if (!address.getAccount().equals(request.getAccount())) {
                    out.onError(Status.PERMISSION_DENIED.withDescription("belongs to another account")
                            .asRuntimeException());
                } else {
                    out.onNext(address);
                    out.onCompleted();
                }
            }
        };
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(service, new io.grpc.ServerInterceptor() {
                        @Override
                        public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                                Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                            return Contexts.interceptCall(Context.current().withValue(TOKEN, headers.get(AUTHORIZATION)),
                                    call, headers, next);
                        }
                    }))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server.getPort();
    }

    void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
