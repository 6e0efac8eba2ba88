package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portway.api.v1.Endpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
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
        OnlineEndpoint target = new OnlineEndpoint(Endpoint.newBuilder().setId("e1").setUrl("tcp://localhost:20001").build(),
                "br-1", "bridge-1:7200");
        ConnectionContext context = new ConnectionContext(null, null, null, null, null,
                new EdgeMetrics(new SimpleMeterRegistry()), Duration.ofSeconds(1));
        return new EdgeConnection(new EmbeddedChannel(), target, context);
    }
}
