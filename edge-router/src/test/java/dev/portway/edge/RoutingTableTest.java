package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Address;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.api.v1.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final RoutingTable table = new RoutingTable(HostBindings.of(Map.of("localhost", "127.0.0.1"), "0.0.0.0"));

    @Test
    void listensWhileAddressIsKnownAndAnEndpointIsOnline() {
        // Given the allocator knows localhost:20001 and bridge A holds an endpoint on it
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(endpoint("e1", "localhost", 20001)));

        // When the desired listeners are computed
        Routes routes = table.routes();

        // Then the edge listens on the bound IP and port, carrying clients to e1 through bridge A
        Listener listener = routes.listenerAt(new BindAddress("127.0.0.1", 20001));
        assertNotNull(listener);
        assertEquals("a1", listener.address().getId());
        assertEquals(List.of("e1"), ids(listener.pool().served()));
        assertEquals("bridge-a:7200", listener.pool().served().get(0).agent().bridgeTarget());
        assertEquals(Set.of("e1"), routes.liveEndpointIds());
    }

    @Test
    void doesNotListenForAnEndpointWhoseAddressTheAllocatorDoesNotKnow() {
        // Given an online endpoint but no such address at the allocator
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(endpoint("e2", "localhost", 20002)));

        // When / Then nothing is served and the endpoint is not live
        Routes routes = table.routes();
        assertTrue(routes.listeners().isEmpty());
        assertTrue(routes.liveEndpointIds().isEmpty());
    }

    @Test
    void doesNotListenForAKnownAddressWithoutOnlineEndpoint() {
        // Given a known address and a bridge with no endpoint
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of());

        // Then nothing is served
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void stopsListeningWhenTheLastEndpointGoesOffline() {
        // Given a served address
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of());
        table.endpointOnline("bridge-a:7200", endpoint("e1", "localhost", 20001));
        assertEquals(1, table.routes().listeners().size());

        // When its endpoint goes offline
        table.endpointOffline("bridge-a:7200", endpoint("e1", "localhost", 20001));

        // Then the listener is no longer desired
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void stopsListeningWhenTheAllocatorReleasesTheAddress() {
        // Given a served address
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(endpoint("e1", "localhost", 20001)));

        // When the allocator releases it
        table.addressReleased(address("a1", "localhost", 20001));

        // Then it is no longer served and its endpoint's connections must end
        Routes routes = table.routes();
        assertTrue(routes.listeners().isEmpty());
        assertTrue(routes.liveEndpointIds().isEmpty());
    }

    @Test
    void ignoresAStaleReleaseOfAnAddressReservedAgain() {
        // Given localhost:20001 re-reserved under a new id
        table.addressReserved(address("a2", "localhost", 20001));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(endpoint("e1", "localhost", 20001)));

        // When a release for the old id arrives
        table.addressReleased(address("a1", "localhost", 20001));

        // Then the new reservation stays served
        assertEquals("a2", table.routes().listenerAt(new BindAddress("127.0.0.1", 20001)).address().getId());
    }

    @Test
    void aFreshAddressSnapshotReplacesEverythingKnownBefore() {
        // Given two known addresses, both with an endpoint
        table.replaceAddresses(List.of(address("a1", "localhost", 20001), address("a2", "localhost", 20002)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a",
                List.of(endpoint("e1", "localhost", 20001), endpoint("e2", "localhost", 20002)));

        // When a snapshot arrives that holds only the second
        table.replaceAddresses(List.of(address("a2", "localhost", 20002)));

        // Then only the second is served
        assertEquals(Set.of(new BindAddress("127.0.0.1", 20002)), table.routes().listeners().keySet());
    }

    @Test
    void combinesEndpointsOfTwoBridgesAndDropsALostBridgesEndpoints() {
        // Given two bridges, each holding an endpoint on a different address, and one more (pooled) on the first
        table.replaceAddresses(List.of(address("a1", "localhost", 20001), address("a2", "localhost", 20002)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(pooled(endpoint("e1", "localhost", 20001))));
        table.replaceBridgeEndpoints("bridge-b:7200", "bridge-b",
                List.of(endpoint("e2", "localhost", 20002), pooled(endpoint("e3", "localhost", 20001))));

        // When the routes are computed
        Routes routes = table.routes();

        // Then each address maps to the endpoints of both bridges, each with the bridge to ask for it
        Listener first = routes.listenerAt(new BindAddress("127.0.0.1", 20001));
        assertEquals(List.of("e1", "e3"), ids(first.pool().served()));
        assertEquals(List.of("bridge-a:7200", "bridge-b:7200"),
                first.pool().served().stream().map(m -> m.agent().bridgeTarget()).toList());

        // When bridge B's watch breaks
        table.bridgeLost("bridge-b:7200");

        // Then its endpoints are offline at once: 20002 is gone, 20001 keeps bridge A's endpoint
        Routes after = table.routes();
        assertEquals(Set.of(new BindAddress("127.0.0.1", 20001)), after.listeners().keySet());
        assertEquals(Set.of("e1"), after.liveEndpointIds());
    }

    @Test
    void ignoresOnlineEventsOfABridgeBeforeItsSnapshot() {
        // Given a known address and no snapshot yet from the bridge
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));

        // When an online event arrives anyway
        table.endpointOnline("bridge-a:7200", endpoint("e1", "localhost", 20001));

        // Then nothing is served (there is no data address to carry clients to)
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void mapsHostsToTheirBoundIpAndOthersToTheDefault() {
        // Given one bound host and one unbound host on the same port
        table.replaceAddresses(List.of(address("a1", "localhost", 20001), address("a2", "1.tcp.portway.local", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a",
                List.of(endpoint("e1", "localhost", 20001), endpoint("e2", "1.tcp.portway.local", 20001)));

        // When the routes are computed
        Routes routes = table.routes();

        // Then each listens on its own IP
        assertEquals("a1", routes.listenerAt(new BindAddress("127.0.0.1", 20001)).address().getId());
        assertEquals("a2", routes.listenerAt(new BindAddress("0.0.0.0", 20001)).address().getId());
        assertTrue(routes.conflicts().isEmpty());
    }

    @Test
    void matchesHostsCaseInsensitively() {
        // Given an endpoint whose host is spelled in capitals
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(endpoint("e1", "LocalHost", 20001)));

        // Then it is served on the IP bound to "localhost"
        assertNotNull(table.routes().listenerAt(new BindAddress("127.0.0.1", 20001)));
    }

    @Test
    void servesTheFirstOfTwoHostsOnTheSameLocalAddressAndReportsTheOther() {
        // Given two hosts that both use the default IP, with the same port, and "b" served first
        RoutingTable shared = new RoutingTable(HostBindings.of(Map.of(), "0.0.0.0"));
        shared.replaceAddresses(List.of(address("a1", "a.example", 20001), address("a2", "b.example", 20001)));
        shared.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(endpoint("e2", "b.example", 20001)));
        assertEquals("a2", shared.routes().listenerAt(new BindAddress("0.0.0.0", 20001)).address().getId());

        // When "a" comes online too
        shared.endpointOnline("bridge-a:7200", endpoint("e1", "a.example", 20001));
        Routes routes = shared.routes();

        // Then "b" keeps the listener and the conflict names both and the fix
        assertEquals("a2", routes.listenerAt(new BindAddress("0.0.0.0", 20001)).address().getId());
        assertEquals(List.of(new Conflict(new BindAddress("0.0.0.0", 20001),
                new PublicAddress("b.example", 20001), new PublicAddress("a.example", 20001))), routes.conflicts());
        assertTrue(routes.conflicts().get(0).describe().contains("portway.edge.host-bindings"));
        // and the refused host's endpoint is not live: its connections must not exist
        assertEquals(Set.of("e2"), routes.liveEndpointIds());

        // When "b" goes offline
        shared.endpointOffline("bridge-a:7200", endpoint("e2", "b.example", 20001));

        // Then "a" takes the listener over
        Routes later = shared.routes();
        assertEquals("a1", later.listenerAt(new BindAddress("0.0.0.0", 20001)).address().getId());
        assertTrue(later.conflicts().isEmpty());
    }

    @Test
    void readsTheAddressFromTheUrlWhenHostAndPortAreMissing() {
        // Given an endpoint carrying only its URL
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a",
                List.of(Endpoint.newBuilder().setId("e1").setUrl("tcp://localhost:20001").build()));

        // Then it is served
        assertNotNull(table.routes().listenerAt(new BindAddress("127.0.0.1", 20001)));
    }

    @Test
    void refusesHostBindingsThatAreNotIpLiterals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostBindings.of(Map.of("localhost", "my-host"), "0.0.0.0"));
        assertTrue(e.getMessage().contains("portway.edge.host-bindings.\"localhost\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HostBindings.of(Map.of(), "anywhere"));
        assertNull(table.routes().listenerAt(new BindAddress("127.0.0.1", 1)));
    }

    // --- cloud endpoints, internal endpoints, pooling, policies ------------------------------------------

    @Test
    void servesACloudEndpointOnItsAddressWhileTheAllocatorKnowsIt() {
        // Given a cloud endpoint on an address of its account, and no agent endpoint there
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceCloudEndpoints(List.of(cloud("cep-1", "tcp://localhost:20001", "acme")));

        // Then the edge listens there for it
        Listener listener = table.routes().listenerAt(new BindAddress("127.0.0.1", 20001));
        assertNotNull(listener);
        assertEquals(List.of("cep-1"), ids(listener.pool().served()));
        assertTrue(listener.pool().served().get(0).isCloud());
        assertEquals(Set.of("cep-1"), table.routes().liveEndpointIds());

        // When the allocator releases the address
        table.addressReleased(address("a1", "localhost", 20001));

        // Then it is no longer served
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void doesNotServeACloudEndpointOnAnAddressNowHeldByAnotherAccount() {
        // Given the address was released and reserved again by another account, the cloud endpoint still stored
        table.replaceAddresses(List.of(address("a9", "localhost", 20001).toBuilder().setAccount("mallory").build()));
        table.replaceCloudEndpoints(List.of(cloud("cep-1", "tcp://localhost:20001", "acme")));

        // Then its policy decides nothing there
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void updatesAndDeletesCloudEndpoints() {
        // Given a served cloud endpoint
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceCloudEndpoints(List.of());
        table.cloudEndpointChanged(cloud("cep-1", "tcp://localhost:20001", "acme"));
        EndpointPolicy before = table.routes().listenerAt(new BindAddress("127.0.0.1", 20001)).pool().served().get(0).policy();

        // When its policy is updated
        table.cloudEndpointChanged(cloud("cep-1", "tcp://localhost:20001", "acme").toBuilder()
                .setTrafficPolicy("on_tcp_connect: [{actions: [{type: close-connection}]}]").build());

        // Then the new policy serves
        EndpointPolicy after = table.routes().listenerAt(new BindAddress("127.0.0.1", 20001)).pool().served().get(0).policy();
        assertNotSame(before, after);

        // When it is deleted, nothing is served
        table.cloudEndpointDeleted(cloud("cep-1", "tcp://localhost:20001", "acme"));
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void keepsCloudEndpointsButFailsClosedWhileThePolicyEngineIsLost() {
        // Given a served cloud endpoint, in sync
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceCloudEndpoints(List.of(cloud("cep-1", "tcp://localhost:20001", "acme")));
        assertTrue(table.routes().policiesLive());

        // When the policy-engine's watch breaks
        table.cloudEndpointsLost();

        // Then the listener stays (clients are closed, not refused) but routes are no longer live
        Routes routes = table.routes();
        assertFalse(routes.policiesLive());
        assertNotNull(routes.listenerAt(new BindAddress("127.0.0.1", 20001)));

        // When a fresh snapshot arrives without it, it is gone and routes are live again
        table.replaceCloudEndpoints(List.of());
        assertTrue(table.routes().policiesLive());
        assertTrue(table.routes().listeners().isEmpty());
    }

    @Test
    void neverListensForInternalEndpointsAndIndexesThemPerAccount() {
        // Given internal endpoints of two accounts with the same name, and an address whose port they share
        table.replaceAddresses(List.of(address("a1", "localhost", 8443)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                internal("i-acme", "tcp://svc.internal:8443", "acme"),
                internal("i-other", "tcp://svc.internal:8443", "other")));

        // Then nothing is listened on
        Routes routes = table.routes();
        assertTrue(routes.listeners().isEmpty());
        // and each account sees only its own, by URL whatever its case
        assertEquals(List.of("i-acme"), ids(routes.internalOf("acme").pool("tcp://SVC.internal:8443").served()));
        assertEquals(List.of("i-other"), ids(routes.internalOf("other").pool("tcp://svc.internal:8443").served()));
        assertNull(routes.internalOf("nobody").pool("tcp://svc.internal:8443"));
        // and both are live (their connections live as long as they do)
        assertEquals(Set.of("i-acme", "i-other"), routes.liveEndpointIds());

        // When acme's goes offline, it leaves the routes at once
        table.endpointOffline("bridge-a:7200", internal("i-acme", "tcp://svc.internal:8443", "acme"));
        assertNull(table.routes().internalOf("acme").pool("tcp://svc.internal:8443"));
    }

    @Test
    void poolsInternalEndpointsOnlyWhenEveryMemberEnabledPooling() {
        // Given two members of one internal URL, the earlier one not pooled
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                internal("i-2", "tcp://svc.internal:8443", "acme").toBuilder().setPoolingEnabled(true).setBoundAtUnixMillis(20).build(),
                internal("i-1", "tcp://svc.internal:8443", "acme").toBuilder().setBoundAtUnixMillis(10).build()));

        // Then only the earliest serves, and the other is reported with the account
        Routes routes = table.routes();
        assertEquals(List.of("i-1"), ids(routes.internalOf("acme").pool("tcp://svc.internal:8443").served()));
        assertEquals(List.of(new PoolConflict("tcp://svc.internal:8443 (account acme)", "i-1", List.of("i-2"))),
                routes.poolConflicts());
        assertTrue(routes.poolConflicts().get(0).describe().contains("pooling"));
    }

    @Test
    void poolsAgentAndCloudEndpointsAtOneUrlWhenAllEnablePooling() {
        // Given an agent endpoint and a cloud endpoint on one address, both pooled
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(pooled(endpoint("e1", "localhost", 20001))));
        table.replaceCloudEndpoints(List.of(cloud("cep-1", "tcp://localhost:20001", "acme").toBuilder()
                .setPoolingEnabled(true).build()));

        // Then both serve
        Routes routes = table.routes();
        assertEquals(Set.of("e1", "cep-1"),
                Set.copyOf(ids(routes.listenerAt(new BindAddress("127.0.0.1", 20001)).pool().served())));
        assertTrue(routes.poolConflicts().isEmpty());
    }

    @Test
    void countsAnEndpointSeenOnTwoBridgesOnceAsItsLatestBind() {
        // Given an agent that moved to bridge B while bridge A has not noticed yet
        table.replaceAddresses(List.of(address("a1", "localhost", 20001)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a",
                List.of(endpoint("e1", "localhost", 20001).toBuilder().setBoundAtUnixMillis(100).build()));
        table.replaceBridgeEndpoints("bridge-b:7200", "bridge-b",
                List.of(endpoint("e1", "localhost", 20001).toBuilder().setBoundAtUnixMillis(200).build()));

        // Then the URL has one member, reached through bridge B, and no conflict
        Routes routes = table.routes();
        List<RouteMember> served = routes.listenerAt(new BindAddress("127.0.0.1", 20001)).pool().served();
        assertEquals(List.of("e1"), ids(served));
        assertEquals("bridge-b:7200", served.get(0).agent().bridgeTarget());
        assertTrue(routes.poolConflicts().isEmpty());
    }

    @Test
    void compilesEachDistinctPolicyOncePerAccountAndReusesItAcrossRebuilds() {
        // Given two endpoints of acme with the same policy, and one of another account with it too
        String policy = "on_tcp_connect: [{actions: [{type: restrict-ips, config: {allow: ['10.0.0.0/8']}}]}]";
        table.replaceAddresses(List.of(address("a1", "localhost", 20001), address("a2", "localhost", 20002),
                address("a3", "localhost", 20003).toBuilder().setAccount("other").build()));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                endpoint("e1", "localhost", 20001).toBuilder().setTrafficPolicy(policy).build(),
                endpoint("e2", "localhost", 20002).toBuilder().setTrafficPolicy(policy).build(),
                endpoint("e3", "localhost", 20003).toBuilder().setAccount("other").setTrafficPolicy(policy).build()));

        // When the routes are built three times
        Routes first = table.routes();
        table.routes();
        Routes third = table.routes();

        // Then the policy was compiled once per account, and the same compiled policy serves every rebuild
        assertEquals(2, table.policyCompilations());
        EndpointPolicy e1 = first.listenerAt(new BindAddress("127.0.0.1", 20001)).pool().served().get(0).policy();
        EndpointPolicy e2 = third.listenerAt(new BindAddress("127.0.0.1", 20002)).pool().served().get(0).policy();
        EndpointPolicy e3 = third.listenerAt(new BindAddress("127.0.0.1", 20003)).pool().served().get(0).policy();
        assertSame(e1, e2);
        assertNotSame(e1, e3);
        assertInstanceOf(EndpointPolicy.Compiled.class, e1);
    }

    @Test
    void marksAPolicyThatDoesNotCompileInvalidAndAnEndpointWithoutOneAsNone() {
        table.replaceAddresses(List.of(address("a1", "localhost", 20001), address("a2", "localhost", 20002)));
        table.replaceBridgeEndpoints("bridge-a:7200", "bridge-a", List.of(
                endpoint("e1", "localhost", 20001).toBuilder().setTrafficPolicy("on_tcp_connect: [{expressions: ['conn.'], actions: [{type: deny}]}]").build(),
                endpoint("e2", "localhost", 20002)));
        Routes routes = table.routes();
        assertInstanceOf(EndpointPolicy.Invalid.class,
                routes.listenerAt(new BindAddress("127.0.0.1", 20001)).pool().served().get(0).policy());
        assertSame(EndpointPolicy.NONE, routes.listenerAt(new BindAddress("127.0.0.1", 20002)).pool().served().get(0).policy());
    }

    static Endpoint internal(String id, String url, String account) {
        return ConnectionDeciderTest.internal(id, url, account).build();
    }

    static CloudEndpoint cloud(String id, String url, String account) {
        return ConnectionDeciderTest.cloud(id, url, account, "on_tcp_connect: [{actions: [{type: deny}]}]").build();
    }

    static List<String> ids(List<RouteMember> members) {
        return members.stream().map(RouteMember::id).toList();
    }

    static Endpoint pooled(Endpoint endpoint) {
        return endpoint.toBuilder().setPoolingEnabled(true).build();
    }

    static Address address(String id, String host, int port) {
        return Address.newBuilder().setId(id).setHost(host).setPort(port).setAccount("acme").build();
    }

    static Endpoint endpoint(String id, String host, int port) {
        return Endpoint.newBuilder().setId(id).setHost(host).setPort(port)
                .setUrl("tcp://" + host + ":" + port).setAccount("acme").build();
    }
}
