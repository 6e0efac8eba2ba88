package dev.portway.api.v1;

import io.quarkus.grpc.MutinyService;

@jakarta.annotation.Generated(value = "by Mutiny Grpc generator", comments = "Source: portway/v1/address.proto")
public interface AddressService extends MutinyService {

    /**
     * <pre>
     *  Reserves a random address from the pools, or the specific host and/or port asked for.
     * </pre>
     */
    io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> reserve(dev.portway.api.v1.ReserveAddressRequest request);

    /**
     * <pre>
     *  Releases an address by id or host:port. Releasing an unknown address is NOT_FOUND.
     * </pre>
     */
    io.smallrye.mutiny.Uni<dev.portway.api.v1.ReleaseAddressResponse> release(dev.portway.api.v1.ReleaseAddressRequest request);

    /**
     * <pre>
     *  Gets one address by id or host:port.
     * </pre>
     */
    io.smallrye.mutiny.Uni<dev.portway.api.v1.Address> get(dev.portway.api.v1.GetAddressRequest request);

    /**
     * <pre>
     *  Lists the addresses of one account, ordered by host then port, paged.
     * </pre>
     */
    io.smallrye.mutiny.Uni<dev.portway.api.v1.ListAddressesResponse> list(dev.portway.api.v1.ListAddressesRequest request);

    /**
     * <pre>
     *  Extends the lease of ephemeral addresses that are still bound (called by bridges).
     * </pre>
     */
    io.smallrye.mutiny.Uni<dev.portway.api.v1.RenewLeasesResponse> renewLeases(dev.portway.api.v1.RenewLeasesRequest request);

    /**
     * <pre>
     *  Describes the configured pools with their free and reserved counts.
     * </pre>
     */
    io.smallrye.mutiny.Uni<dev.portway.api.v1.ListPoolsResponse> listPools(dev.portway.api.v1.ListPoolsRequest request);

    /**
     * <pre>
     *  Streams a snapshot of every address, then every change, each carrying a revision.
     * </pre>
     */
    io.smallrye.mutiny.Multi<dev.portway.api.v1.AddressEvent> watch(dev.portway.api.v1.WatchAddressesRequest request);
}
