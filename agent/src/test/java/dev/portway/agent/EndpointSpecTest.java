package dev.portway.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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

    @Test
    void shouldAcceptInternalUrls() {
        // Given / When
        EndpointSpec single = EndpointSpec.of("tcp://db.internal:5432", "localhost:5432");
        EndpointSpec dotted = EndpointSpec.of("tcp://example-service.ns-1.internal:8443", "localhost:8443");

        // Then
        assertEquals("tcp://db.internal:5432", single.url());
        assertEquals("tcp://example-service.ns-1.internal:8443", dotted.url());
        assertTrue(TcpUrl.isInternal(single.url()));
        assertTrue(TcpUrl.isInternal(dotted.url()));
        assertFalse(TcpUrl.isInternal("tcp://localhost:20001"));
        assertFalse(TcpUrl.isInternal("tcp://"));
    }

    @Test
    void shouldRefuseMalformedInternalUrlsNamingTheField() {
        for (String bad : new String[] {"tcp://.internal:80", "tcp://x.internal:0", "tcp://x.internal",
                "tcp://-db.internal:80", "tcp://db-.internal:80", "tcp://DB.internal:80", "tcp://a..b.internal:80",
                "tcp://db_1.internal:80", "tcp://db.INTERNAL:80"}) {
            // When
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EndpointSpec.of(bad, "localhost:5432"), bad);
            // Then
            assertTrue(e.getMessage().startsWith("url: "), e.getMessage());
        }
    }

    @Test
    void shouldExplainInternalNameRulesWhenNameIsBad() {
        // When
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpUrl.validate("tcp://Db.internal:5432", "--url"));

        // Then the message says what an internal URL looks like
        assertTrue(e.getMessage().startsWith("--url: 'tcp://Db.internal:5432' is not a valid internal URL"),
                e.getMessage());
        assertTrue(e.getMessage().contains("tcp://<name>.internal:<port>"), e.getMessage());
    }

    @Test
    void shouldCarryTrafficPolicyAndPoolingFromBuilder() {
        // Given a policy as read from a file
        String policy = "on_tcp_connect:\n  - actions:\n      - type: deny\n";

        // When
        EndpointSpec spec = EndpointSpec.builder()
                .url("tcp://db.internal:5432")
                .upstream("localhost:5432")
                .poolingEnabled(true)
                .trafficPolicy(policy)
                .build();

        // Then
        assertEquals(policy, spec.trafficPolicy());
        assertTrue(spec.poolingEnabled());
    }

    @Test
    void shouldDefaultToNoTrafficPolicy() {
        // Given / When
        EndpointSpec unset = EndpointSpec.of("tcp://", "localhost:5432");
        EndpointSpec nulled = EndpointSpec.builder().upstream("localhost:5432").trafficPolicy(null).build();
        EndpointSpec direct = new EndpointSpec("tcp://", HostPort.parse("localhost:1", "upstream"), false, null,
                Map.of(), null);

        // Then
        assertEquals("", unset.trafficPolicy());
        assertEquals("", nulled.trafficPolicy());
        assertEquals("", direct.trafficPolicy());
        assertFalse(unset.poolingEnabled());
    }
}
