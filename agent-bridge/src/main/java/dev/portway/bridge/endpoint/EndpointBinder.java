package dev.portway.bridge.endpoint;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.Endpoint;
import dev.portway.bridge.BridgeIdentity;
import dev.portway.bridge.Ids;
import dev.portway.bridge.allocator.AllocatorClient;
import dev.portway.bridge.session.AgentSession;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Binds and unbinds endpoints: checks the URL against the allocator, puts the endpoint online,
 * and undoes every step of a bind that fails half-way (an ephemeral address reserved for a refused
 * bind is released), so a failed bind leaves nothing behind.
 */
@ApplicationScoped
public class EndpointBinder {

    private static final Logger LOG = Logger.getLogger(EndpointBinder.class);

    private final AllocatorClient allocator;
    private final EndpointRegistry registry;
    private final BridgeIdentity identity;

    public EndpointBinder(AllocatorClient allocator, EndpointRegistry registry, BridgeIdentity identity) {
        this.allocator = allocator;
        this.registry = registry;
        this.identity = identity;
    }

    public CompletionStage<Endpoint> bind(AgentSession session, String account, BindRequest request) {
        EndpointUrl url;
        try {
            url = EndpointUrl.parse(request.getUrl());
        } catch (BindRefused refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (!url.isEphemeralRequest() && registry.isOnline(url.toString())) {
            // Fail fast; the registry checks again atomically when the endpoint goes online.
            return CompletableFuture.failedFuture(BindRefused.alreadyOnline(url.toString()));
        }
        return addressFor(account, url, request.getDescription())
                .thenApply(held -> putOnline(session, account, request, held));
    }

    /** The address the endpoint will serve, and whether this bind reserved it (so must undo it). */
    private record HeldAddress(Address address, boolean reservedForThisBind) {}

    private CompletionStage<HeldAddress> addressFor(String account, EndpointUrl url, String description) {
        if (url.isEphemeralRequest()) {
            return allocator.reserveEphemeral(account, "", 0, description)
                    .thenApply(a -> new HeldAddress(a, true));
        }
        return allocator.get(account, url.host(), url.port())
                .exceptionally(error -> {
                    throw explainLookupFailure(url, error);
                })
                .thenCompose(address -> address.getKind() == AddressKind.ADDRESS_KIND_EPHEMERAL
                        // An agent coming back for its ephemeral address: the allocator renews the lease.
                        ? allocator.reserveEphemeral(account, url.host(), url.port(), address.getDescription())
                        : CompletableFuture.completedFuture(address))
                .thenApply(a -> new HeldAddress(a, false));
    }

    private Endpoint putOnline(AgentSession session, String account, BindRequest request, HeldAddress held) {
        Address address = held.address();
        Endpoint endpoint = Endpoint.newBuilder()
                .setId(Ids.random("ep"))
                .setUrl(EndpointUrl.format(address.getHost(), address.getPort()))
                .setHost(address.getHost())
                .setPort(address.getPort())
                .setAccount(account)
                .setAddressId(address.getId())
                .setEphemeral(address.getKind() == AddressKind.ADDRESS_KIND_EPHEMERAL)
                .setPoolingEnabled(request.getPoolingEnabled())
                .setBridgeId(identity.id())
                .setSessionId(session.id())
                .setDescription(request.getDescription())
                .putAllMetadata(request.getMetadataMap())
                .setUpstreamUrl(request.getUpstreamUrl())
                .build();
        try {
            registry.add(endpoint);
        } catch (BindRefused refused) {
            undo(held, account);
            throw refused;
        }
        if (!session.track(endpoint)) {
            registry.remove(endpoint.getId());
            undo(held, account);
            throw new BindRefused(Status.Code.CANCELLED, "", "the session ended before the bind completed");
        }
        LOG.infof("endpoint %s online: %s for account %s (session %s)",
                endpoint.getId(), endpoint.getUrl(), account, session.id());
        return endpoint;
    }

    /**
     * Takes an endpoint offline. {@code release}: also release its address if it is ephemeral (an
     * explicit unbind); a dying session keeps it for the lease's grace period instead.
     */
    public void unbind(Endpoint endpoint, boolean release) {
        registry.remove(endpoint.getId()).ifPresent(e -> LOG.infof("endpoint %s offline: %s", e.getId(), e.getUrl()));
        if (release && endpoint.getEphemeral()) {
            releaseQuietly(endpoint.getAccount(), endpoint.getAddressId());
        }
    }

    private void undo(HeldAddress held, String account) {
        if (held.reservedForThisBind()) {
            releaseQuietly(account, held.address().getId());
        }
    }

    private void releaseQuietly(String account, String addressId) {
        allocator.release(account, addressId).whenComplete((r, error) -> {
            if (error != null) {
                // The lease runs out by itself; the address is not lost.
                LOG.warnf("could not release ephemeral address %s: %s", addressId, error.getMessage());
            }
        });
    }

    private static RuntimeException explainLookupFailure(EndpointUrl url, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StatusRuntimeException sre) {
            Status.Code code = sre.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                return new BindRefused(code, "url", "address " + url + " is not reserved by your account;"
                        + " reserve it first (portway addresses reserve --host " + url.host() + " --port "
                        + url.port() + "), or bind tcp:// for an ephemeral address");
            }
            if (code == Status.Code.PERMISSION_DENIED) {
                return new BindRefused(code, "url", "address " + url
                        + " is reserved by another account; bind an address your account reserved");
            }
        }
        return BindRefused.from(cause);
    }
}
