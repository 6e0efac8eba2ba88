package dev.portway.allocator.grpc;

import dev.portway.auth.Caller;
import dev.portway.allocator.allocation.AddressPage;
import dev.portway.allocator.allocation.AddressSelector;
import dev.portway.allocator.allocation.Allocator;
import dev.portway.allocator.allocation.RequestChecks;
import dev.portway.allocator.allocation.ReserveCommand;
import dev.portway.allocator.codec.AddressProtoCodec;
import dev.portway.allocator.config.AllocatorConfig;
import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressRef;
import dev.portway.api.v1.AddressServiceGrpc;
import dev.portway.api.v1.GetAddressRequest;
import dev.portway.api.v1.ListAddressesRequest;
import dev.portway.api.v1.ListAddressesResponse;
import dev.portway.api.v1.ListPoolsRequest;
import dev.portway.api.v1.ListPoolsResponse;
import dev.portway.api.v1.Pool;
import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.ReleaseAddressResponse;
import dev.portway.api.v1.RenewLeasesRequest;
import dev.portway.api.v1.RenewLeasesResponse;
import dev.portway.api.v1.ReserveAddressRequest;
import dev.portway.api.v1.WatchAddressesRequest;
import dev.portway.service.grpc.AccountResolver;
import dev.portway.service.grpc.GrpcCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;

/**
 * The AddressService contract (portway/v1/address.proto). Each method reads the caller on the calling
 * thread, then does the store work through {@link GrpcCalls} (on {@code allocator-call} threads, never on the
 * event loop).
 */
@GrpcService
public class AddressGrpcService extends AddressServiceGrpc.AddressServiceImplBase {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    Allocator allocator;

    @Inject
    GrpcCalls calls;

    @Inject
    AllocatorConfig config;

    @Override
    public void reserve(ReserveAddressRequest request, StreamObserver<Address> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            return AddressProtoCodec.toProto(allocator.reserve(new ReserveCommand(account, request.getHost(),
                    Integer.toUnsignedLong(request.getPort()), request.getDescription(),
                    request.getMetadataMap(), request.getEphemeral())));
        });
    }

    @Override
    public void release(ReleaseAddressRequest request, StreamObserver<ReleaseAddressResponse> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            Address released = AddressProtoCodec.toProto(allocator.release(account, selector(request.hasAddress(),
                    request.getAddress())));
            return ReleaseAddressResponse.newBuilder().setReleased(released).build();
        });
    }

    @Override
    public void get(GetAddressRequest request, StreamObserver<Address> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            return AddressProtoCodec.toProto(allocator.get(account, selector(request.hasAddress(),
                    request.getAddress())));
        });
    }

    @Override
    public void list(ListAddressesRequest request, StreamObserver<ListAddressesResponse> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> {
            String account = AccountResolver.resolve(caller, request.getAccount());
            int pageSize = request.getPageSize() == 0
                    ? DEFAULT_PAGE_SIZE
                    : (int) Math.min(Integer.toUnsignedLong(request.getPageSize()), MAX_PAGE_SIZE);
            AddressPage page = allocator.list(account, PageTokens.decode(account, request.getPageToken()), pageSize);
            return ListAddressesResponse.newBuilder()
                    .addAllAddresses(page.addresses().stream().map(AddressProtoCodec::toProto).toList())
                    .setNextPageToken(PageTokens.encode(account, page.next()))
                    .build();
        });
    }

    @Override
    public void renewLeases(RenewLeasesRequest request, StreamObserver<RenewLeasesResponse> out) {
        Caller caller = Caller.current();
        calls.unary(out, () -> RenewLeasesResponse.newBuilder()
                .addAllMissingIds(allocator.renewLeases(caller.service() ? null : caller.account(),
                        request.getAddressIdsList()))
                .build());
    }

    @Override
    public void listPools(ListPoolsRequest request, StreamObserver<ListPoolsResponse> out) {
        // Any authenticated caller may see the pools; the interceptor has already refused the others.
        calls.unary(out, () -> ListPoolsResponse.newBuilder()
                .addAllPools(allocator.poolUsage().stream()
                        .map(p -> Pool.newBuilder().setHost(p.host()).setPortMin(p.portMin()).setPortMax(p.portMax())
                                .setReserved(p.reserved()).setFree(p.free()).build())
                        .toList())
                .build());
    }

    /**
     * Service token: every account's addresses. User authtoken: only its own account's (the snapshot and
     * the changes are filtered; revisions keep their global numbering).
     */
    @Override
    public void watch(WatchAddressesRequest request, StreamObserver<AddressEvent> out) {
        calls.watch(out, Caller.current(), request.getResumeFromRevision(), config.watchBufferSize(), allocator,
                AddressEvents.INSTANCE);
    }

    private static AddressSelector selector(boolean present, AddressRef ref) {
        if (present && ref.hasHostPort()) {
            return AddressSelector.byHostPort(ref.getHostPort().getHost(),
                    Integer.toUnsignedLong(ref.getHostPort().getPort()));
        }
        if (present && ref.getRefCase() == AddressRef.RefCase.ID) {
            return AddressSelector.byId(ref.getId());
        }
        throw RequestChecks.invalid("address is required: set address.id (ad_...) or address.host_port");
    }
}
