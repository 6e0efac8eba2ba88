package dev.portway.bridge.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.EndpointEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointRegistryTest {

    private static final String URL = "tcp://localhost:20001";
    private static final String DB = "tcp://db.internal:5432";

    private final EndpointRegistry registry = new EndpointRegistry();

    private static Endpoint endpoint(String id, String url, boolean ephemeral) {
        return Endpoint.newBuilder().setId(id).setUrl(url).setAccount("acme").setEphemeral(ephemeral)
                .setAddressId("ad_" + id).build();
    }

    private static Endpoint publicEndpoint(String id, boolean pooling) {
        return Endpoint.newBuilder().setId(id).setUrl(URL).setAccount("acme").setAddressId("ad_20001")
                .setPoolingEnabled(pooling).build();
    }

    private static Endpoint internalEndpoint(String id, String account, boolean pooling) {
        return Endpoint.newBuilder().setId(id).setUrl(DB).setAccount(account).setInternal(true)
                .setPoolingEnabled(pooling).build();
    }

    private int membersAtUrl() {
        return registry.members(EndpointRegistry.poolKey("acme", URL, false));
    }

    @Test
    void shouldRefuseSecondEndpointOnAnOnlineUrl() {
        // Given
        registry.add(endpoint("ep_1", URL, false));
        // When
        BindRefused refused = assertThrows(BindRefused.class, () -> registry.add(endpoint("ep_2", URL, false)));
        // Then
        assertEquals("ALREADY_EXISTS", refused.toError().getCode());
        assertEquals("url", refused.toError().getField());
        assertEquals(1, registry.size());
    }

    @Test
    void shouldAcceptUrlAgainOnceItsEndpointWentOffline() {
        // Given
        registry.add(endpoint("ep_1", URL, false));
        registry.remove("ep_1");
        // When
        registry.add(endpoint("ep_2", URL, false));
        // Then
        assertEquals(1, membersAtUrl());
        assertTrue(registry.get("ep_2").isPresent());
    }

    @Test
    void shouldPoolEndpointsWhenEveryBinderAskedForPooling() {
        // Given an endpoint online with pooling
        registry.add(publicEndpoint("ep_1", true));
        // When two more bind the same URL with pooling
        registry.add(publicEndpoint("ep_2", true));
        registry.add(publicEndpoint("ep_3", true));
        // Then all three are online at the URL
        assertEquals(3, membersAtUrl());
        assertEquals(3, registry.size());
    }

    @Test
    void shouldRefusePooledBindWhenOnlineEndpointDidNotPool() {
        // Given an endpoint online without pooling
        registry.add(publicEndpoint("ep_1", false));
        // When another binds the URL with pooling
        BindRefused refused = assertThrows(BindRefused.class, () -> registry.add(publicEndpoint("ep_2", true)));
        // Then it is refused with a message naming the URL, the binders and what to do
        assertEquals("ALREADY_EXISTS", refused.toError().getCode());
        assertTrue(refused.getMessage().contains(URL + " is already online"), refused.getMessage());
        assertTrue(refused.getMessage().contains("bound by 1 agent"), refused.getMessage());
        assertTrue(refused.getMessage().contains("bound without pooling"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--pooling-enabled"), refused.getMessage());
        assertEquals(List.of("ep_1"), registry.watch(e -> { }).stream().map(Endpoint::getId).toList());
    }

    @Test
    void shouldRefuseUnpooledBindWhenOnlineEndpointsPool() {
        // Given two endpoints pooling at the URL
        registry.add(publicEndpoint("ep_1", true));
        registry.add(publicEndpoint("ep_2", true));
        // When a third binds it without pooling
        BindRefused refused = assertThrows(BindRefused.class, () -> registry.add(publicEndpoint("ep_3", false)));
        // Then it is refused, saying this bind did not pool, and the pool is unchanged
        assertEquals("ALREADY_EXISTS", refused.toError().getCode());
        assertTrue(refused.getMessage().contains("bound by 2 agents"), refused.getMessage());
        assertTrue(refused.getMessage().contains("this bind did not enable pooling"), refused.getMessage());
        assertEquals(2, membersAtUrl());
    }

    @Test
    void shouldRefuseEarlyWhatAddWouldRefuse() {
        // Given an endpoint online without pooling
        registry.add(publicEndpoint("ep_1", false));
        String key = EndpointRegistry.poolKey("acme", URL, false);
        // When / Then the early check refuses both a pooled and an unpooled newcomer, and a free URL passes
        assertThrows(BindRefused.class, () -> registry.checkCanJoin(key, URL, true, false));
        assertThrows(BindRefused.class, () -> registry.checkCanJoin(key, URL, false, false));
        registry.checkCanJoin(EndpointRegistry.poolKey("acme", "tcp://localhost:20002", false),
                "tcp://localhost:20002", false, false);
    }

    @Test
    void shouldKeepOtherPoolMembersWhenOneGoesOffline() {
        // Given two pooled endpoints serving one ephemeral address
        registry.add(publicEndpoint("ep_1", true));
        registry.add(publicEndpoint("ep_2", true));
        // When one goes offline
        registry.remove("ep_1");
        // Then the other stays online, still holding the address; a non-pooled newcomer is still refused
        assertEquals(1, membersAtUrl());
        assertTrue(registry.get("ep_2").isPresent());
        assertTrue(registry.holdsAddress("ad_20001"));
        assertThrows(BindRefused.class, () -> registry.add(publicEndpoint("ep_3", false)));
        // and once the last one leaves, nobody holds it
        registry.remove("ep_2");
        assertFalse(registry.holdsAddress("ad_20001"));
        assertEquals(0, membersAtUrl());
    }

    @Test
    void shouldLetTwoAccountsBindTheSameInternalName() {
        // Given account a's internal endpoint, without pooling
        registry.add(internalEndpoint("ep_a", "a", false));
        // When account b binds the same internal URL, without pooling
        registry.add(internalEndpoint("ep_b", "b", false));
        // Then both are online, one per account
        assertEquals(1, registry.members(EndpointRegistry.poolKey("a", DB, true)));
        assertEquals(1, registry.members(EndpointRegistry.poolKey("b", DB, true)));
    }

    @Test
    void shouldRefuseSameInternalNameInOneAccountUnlessPooled() {
        // Given account a's internal endpoint without pooling
        registry.add(internalEndpoint("ep_1", "a", false));
        // When a second one of the same account binds it
        BindRefused refused = assertThrows(BindRefused.class, () -> registry.add(internalEndpoint("ep_2", "a", true)));
        // Then it is refused, the message saying the name is taken in that account
        assertEquals("ALREADY_EXISTS", refused.toError().getCode());
        assertTrue(refused.getMessage().contains(DB + " is already online in your account"), refused.getMessage());

        // Given / When the same with pooling on both sides
        registry.add(internalEndpoint("ep_3", "p", true));
        registry.add(internalEndpoint("ep_4", "p", true));
        // Then they pool
        assertEquals(2, registry.members(EndpointRegistry.poolKey("p", DB, true)));
    }

    @Test
    void shouldGiveWatcherSnapshotThenEveryLaterChangeInOrder() {
        // Given
        registry.add(endpoint("ep_1", URL, false));
        List<EndpointEvent> seen = new ArrayList<>();
        // When
        List<Endpoint> snapshot = registry.watch(seen::add);
        registry.add(endpoint("ep_2", "tcp://localhost:20002", true));
        registry.remove("ep_1");
        registry.remove("ep_unknown");
        // Then
        assertEquals(List.of("ep_1"), snapshot.stream().map(Endpoint::getId).toList());
        assertEquals(2, seen.size());
        assertEquals("ep_2", seen.get(0).getOnline().getId());
        assertEquals("ep_1", seen.get(1).getOffline().getId());
    }

    @Test
    void shouldPublishEachPoolMemberOnlineAndOffline() {
        // Given a watcher
        List<EndpointEvent> seen = new ArrayList<>();
        registry.watch(seen::add);
        // When two members join and one leaves
        registry.add(publicEndpoint("ep_1", true));
        registry.add(publicEndpoint("ep_2", true));
        registry.remove("ep_1");
        // Then the watcher saw exactly those changes
        assertEquals(List.of("online ep_1", "online ep_2", "offline ep_1"), seen.stream()
                .map(e -> e.hasOnline() ? "online " + e.getOnline().getId() : "offline " + e.getOffline().getId())
                .toList());
    }

    @Test
    void shouldListOnlyEphemeralAddressesForLeaseRenewal() {
        // Given
        registry.add(endpoint("ep_1", URL, false));
        registry.add(endpoint("ep_2", "tcp://localhost:20002", true));
        // Then
        assertEquals(List.of("ad_ep_2"), registry.ephemeralAddressIds());
        assertEquals(0, registry.members(EndpointRegistry.poolKey("acme", "tcp://localhost:20003", false)));
    }
}
