package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Endpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import dev.portway.policy.ConnectionFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingConnectionsTest {

    private final PendingConnections pending = new PendingConnections();
    private final EdgeConnection connection = connection();

    @Test
    void handsAConnectionToTheFirstAgentWithItsIdAndToken() {
        // Given a waiting connection
        PendingConnections.Ticket ticket = pending.register(connection);
        assertTrue(ticket.token().matches("[0-9a-f]{32}"), ticket.token());

        // When the agent presents id and token, it gets the connection, once
        assertSame(connection, pending.claim(ticket.connectionId(), ticket.token()));
        assertNull(pending.claim(ticket.connectionId(), ticket.token()));
        assertEquals(0, pending.size());
    }

    @Test
    void refusesAWrongTokenAndKeepsWaitingForTheRightOne() {
        PendingConnections.Ticket ticket = pending.register(connection);

        assertNull(pending.claim(ticket.connectionId(), "0".repeat(32)));
        assertNull(pending.claim(ticket.connectionId(), ""));
        assertNull(pending.claim(ticket.connectionId(), ticket.token() + "0"));
        assertTrue(pending.isWaiting(ticket.connectionId()));

        assertSame(connection, pending.claim(ticket.connectionId(), ticket.token()));
    }

    @Test
    void refusesAnUnknownId() {
        PendingConnections.Ticket ticket = pending.register(connection);
        assertNull(pending.claim("not-" + ticket.connectionId(), ticket.token()));
    }

    @Test
    void forgetsAConnectionThatStoppedWaiting() {
        PendingConnections.Ticket ticket = pending.register(connection);
        pending.unregister(ticket.connectionId(), connection);
        assertNull(pending.claim(ticket.connectionId(), ticket.token()));
        assertEquals(0, pending.size());
    }

    @Test
    void givesEveryConnectionItsOwnIdAndToken() {
        PendingConnections.Ticket a = pending.register(connection);
        PendingConnections.Ticket b = pending.register(connection());
        assertNotEquals(a.connectionId(), b.connectionId());
        assertNotEquals(a.token(), b.token());
    }

    private static EdgeConnection connection() {
        OnlineEndpoint online = new OnlineEndpoint(Endpoint.newBuilder().setId("e1").setUrl("tcp://localhost:20001").build(),
                "br-1", "bridge-1:7200");
        RouteMember target = RouteMember.agent(online, EndpointPolicy.NONE);
        ConnectionContext context = new ConnectionContext(null, null, null, null, null, null, null, null,
                new EdgeMetrics(new SimpleMeterRegistry()), Duration.ofSeconds(1), true);
        Admission admission = new Admission.Route(target, target, target.allowWithoutPolicy(), List.of());
        return new EdgeConnection(new EmbeddedChannel(), admission,
                ConnectionFacts.of("127.0.0.1", 40000, "127.0.0.1", 20001, Instant.now()), context);
    }
}
