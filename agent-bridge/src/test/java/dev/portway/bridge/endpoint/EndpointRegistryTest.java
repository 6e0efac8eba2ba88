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

    private final EndpointRegistry registry = new EndpointRegistry();

    private static Endpoint endpoint(String id, String url, boolean ephemeral) {
        return Endpoint.newBuilder().setId(id).setUrl(url).setEphemeral(ephemeral).setAddressId("ad_" + id).build();
    }

    @Test
    void shouldRefuseSecondEndpointOnAnOnlineUrl() {
        // Given
        registry.add(endpoint("ep_1", "tcp://localhost:20001", false));
        // When
        BindRefused refused = assertThrows(BindRefused.class,
                () -> registry.add(endpoint("ep_2", "tcp://localhost:20001", false)));
        // Then
        assertEquals("ALREADY_EXISTS", refused.toError().getCode());
        assertEquals(1, registry.size());
    }

    @Test
    void shouldAcceptUrlAgainOnceItsEndpointWentOffline() {
        // Given
        registry.add(endpoint("ep_1", "tcp://localhost:20001", false));
        registry.remove("ep_1");
        // When
        registry.add(endpoint("ep_2", "tcp://localhost:20001", false));
        // Then
        assertTrue(registry.isOnline("tcp://localhost:20001"));
        assertTrue(registry.get("ep_2").isPresent());
    }

    @Test
    void shouldGiveWatcherSnapshotThenEveryLaterChangeInOrder() {
        // Given
        registry.add(endpoint("ep_1", "tcp://localhost:20001", false));
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
    void shouldListOnlyEphemeralAddressesForLeaseRenewal() {
        // Given
        registry.add(endpoint("ep_1", "tcp://localhost:20001", false));
        registry.add(endpoint("ep_2", "tcp://localhost:20002", true));
        // Then
        assertEquals(List.of("ad_ep_2"), registry.ephemeralAddressIds());
        assertFalse(registry.isOnline("tcp://localhost:20003"));
    }
}
