package dev.portway.bridge.endpoint;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.AddressKind;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.bridge.BridgeIdentity;
import dev.portway.bridge.Ids;
import dev.portway.bridge.allocator.AllocatorClient;
import dev.portway.bridge.policy.PolicyCheck;
import dev.portway.bridge.session.AgentSession;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Binds and unbinds endpoints: checks the URL, then the traffic policy with the policy-engine, then
 * the address with the allocator (internal URLs have none), puts the endpoint online, and undoes
 * every step of a bind that fails half-way (an ephemeral address reserved for a refused bind is
 * released), so a failed bind leaves nothing behind. The policy is checked first so that a bad one
 * never reserves anything.
 */
@ApplicationScoped
public class EndpointBinder {

    private static final Logger LOG = Logger.getLogger(EndpointBinder.class);

    /** An endpoint put online, and the warnings about its traffic policy. */
    public record Bound(Endpoint endpoint, List<PolicyIssue> policyWarnings) {}

    private final AllocatorClient allocator;
    private final PolicyCheck policies;
    private final EndpointRegistry registry;
    private final BridgeIdentity identity;
    private final BindMetrics metrics;

    public EndpointBinder(AllocatorClient allocator, PolicyCheck policies, EndpointRegistry registry,
            BridgeIdentity identity, BindMetrics metrics) {
        this.allocator = allocator;
        this.policies = policies;
        this.registry = registry;
        this.identity = identity;
        this.metrics = metrics;
    }

    public CompletionStage<Bound> bind(AgentSession session, String account, BindRequest request) {
        CompletionStage<Bound> bound;
        try {
            EndpointUrl url = EndpointUrl.parse(request.getUrl());
            if (!url.isEphemeralRequest()) {
                // Fail fast; the registry checks again atomically when the endpoint goes online.
                registry.checkCanJoin(EndpointRegistry.poolKey(account, url.toString(), url.internal()),
                        url.toString(), request.getPoolingEnabled(), url.internal());
            }
            bound = policies.check(request.getTrafficPolicy())
                    .thenCompose(warnings -> placeFor(account, url, request.getDescription())
                            .thenApply(place -> new Bound(putOnline(session, account, request, place), warnings)));
        } catch (BindRefused refused) {
            bound = CompletableFuture.failedFuture(refused);
        }
        return bound.whenComplete((b, error) -> metrics.record(error));
    }

    /**
     * Where the endpoint will be served. {@code reservedForThisBind}: the address was reserved by this
     * bind, so a refusal must release it.
     */
    private record Place(String host, int port, boolean internal, Address address, boolean reservedForThisBind) {

        static Place internal(EndpointUrl url) {
            return new Place(url.host(), url.port(), true, Address.getDefaultInstance(), false);
        }

        static Place of(Address address, boolean reservedForThisBind) {
            return new Place(address.getHost(), address.getPort(), false, address, reservedForThisBind);
        }

        boolean ephemeral() {
            return address.getKind() == AddressKind.ADDRESS_KIND_EPHEMERAL;
        }
    }

    private CompletionStage<Place> placeFor(String account, EndpointUrl url, String description) {
        if (url.internal()) {
            // Internal names are per account and need no reservation: nothing to ask the allocator.
            return CompletableFuture.completedFuture(Place.internal(url));
        }
        if (url.isEphemeralRequest()) {
            return allocator.reserveEphemeral(account, "", 0, description)
                    .thenApply(a -> Place.of(a, true));
        }
        return allocator.get(account, url.host(), url.port())
                .exceptionally(error -> {
                    throw explainLookupFailure(url, error);
                })
                .thenCompose(address -> address.getKind() == AddressKind.ADDRESS_KIND_EPHEMERAL
                        // An agent coming back for its ephemeral address: the allocator renews the lease.
                        ? allocator.reserveEphemeral(account, url.host(), url.port(), address.getDescription())
                        : CompletableFuture.completedFuture(address))
                .thenApply(a -> Place.of(a, false));
    }

    private Endpoint putOnline(AgentSession session, String account, BindRequest request, Place place) {
        Endpoint endpoint = Endpoint.newBuilder()
                .setId(Ids.random("ep"))
                .setUrl(EndpointUrl.format(place.host(), place.port()))
                .setHost(place.host())
                .setPort(place.port())
                .setAccount(account)
                .setAddressId(place.address().getId())
                .setEphemeral(place.ephemeral())
                .setInternal(place.internal())
                .setPoolingEnabled(request.getPoolingEnabled())
                .setBridgeId(identity.id())
                .setSessionId(session.id())
                .setDescription(request.getDescription())
                .putAllMetadata(request.getMetadataMap())
                .setUpstreamUrl(request.getUpstreamUrl())
                .setTrafficPolicy(PolicyCheck.isAbsent(request.getTrafficPolicy()) ? "" : request.getTrafficPolicy())
                // Edges serve only the earliest binder of a URL whose binders do not all pool.
                .setBoundAtUnixMillis(System.currentTimeMillis())
                .build();
        try {
            registry.add(endpoint);
        } catch (BindRefused refused) {
            undo(place, account);
            throw refused;
        }
        if (!session.track(endpoint)) {
            registry.remove(endpoint.getId());
            undo(place, account);
            throw new BindRefused(Status.Code.CANCELLED, "", "the session ended before the bind completed");
        }
        LOG.infof("endpoint %s online: %s for account %s (session %s%s%s)", endpoint.getId(), endpoint.getUrl(),
                account, session.id(), endpoint.getPoolingEnabled() ? ", pooling" : "",
                endpoint.getTrafficPolicy().isEmpty() ? "" : ", with a traffic policy");
        return endpoint;
    }

    /**
     * Takes an endpoint offline. {@code release}: also release its address if it is ephemeral (an
     * explicit unbind) and no other member of its pool still serves it; a dying session keeps it for
     * the lease's grace period instead.
     */
    public void unbind(Endpoint endpoint, boolean release) {
        registry.remove(endpoint.getId()).ifPresent(e -> LOG.infof("endpoint %s offline: %s", e.getId(), e.getUrl()));
        if (release && endpoint.getEphemeral() && !registry.holdsAddress(endpoint.getAddressId())) {
            releaseQuietly(endpoint.getAccount(), endpoint.getAddressId());
        }
    }

    private void undo(Place place, String account) {
        if (place.reservedForThisBind()) {
            releaseQuietly(account, place.address().getId());
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
