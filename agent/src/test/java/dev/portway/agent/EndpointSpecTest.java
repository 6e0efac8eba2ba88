package dev.portway.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointSpecTest {

    @Test
    void shouldAcceptEphemeralAndConcreteUrls() {
        // Given / When
        EndpointSpec ephemeral = EndpointSpec.of("tcp://", "localhost:5432");
        EndpointSpec reserved = EndpointSpec.of(" tcp://1.tcp.portway.local:20001 ", "db:5432");

        // Then
        assertEquals("tcp://", ephemeral.url());
        assertEquals("tcp://1.tcp.portway.local:20001", reserved.url());
        assertEquals("tcp://db:5432", reserved.upstreamUrl());
    }

    @Test
    void shouldRefuseMalformedUrlNamingTheField() {
        for (String bad : new String[] {"http://x:1", "tcp://nohost", "tcp://x:0", "tcp://x:70000", "tcp://x:1/p", ""}) {
            // When
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EndpointSpec.of(bad, "localhost:5432"), bad);
            // Then
            assertTrue(e.getMessage().startsWith("url: "), e.getMessage());
        }
    }

    @Test
    void shouldRefuseMalformedUpstreamNamingTheField() {
        for (String bad : new String[] {"abc", "localhost:0", "localhost:65536", ":5432", "host:port", "::1:80"}) {
            // When
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EndpointSpec.of("tcp://", bad), bad);
            // Then
            assertTrue(e.getMessage().startsWith("upstream: "), e.getMessage());
        }
    }

    @Test
    void shouldParseBracketedIpv6() {
        // Given / When
        HostPort address = HostPort.parse("[::1]:5432", "upstream");

        // Then
        assertEquals("::1", address.host());
        assertEquals("[::1]:5432", address.toString());
    }
}
