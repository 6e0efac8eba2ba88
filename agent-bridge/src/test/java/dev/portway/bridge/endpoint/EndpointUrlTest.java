package dev.portway.bridge.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlTest {

    @Test
    void shouldParseHostAndPort() {
        // When
        EndpointUrl url = EndpointUrl.parse("tcp://1.tcp.Portway.local:12345");
        // Then
        assertEquals("1.tcp.portway.local", url.host());
        assertEquals(12345, url.port());
        assertEquals("tcp://1.tcp.portway.local:12345", url.toString());
    }

    @Test
    void shouldTreatBareSchemeAsEphemeralRequest() {
        assertTrue(EndpointUrl.parse("tcp://").isEphemeralRequest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://localhost:80", "tcp://localhost", "tcp://localhost:", "tcp://:80",
        "tcp://localhost:70000", "tcp://localhost:0", "localhost:80", "tcp://bad host:80"})
    void shouldRefuseMalformedUrlNamingTheField(String bad) {
        // When
        BindRefused refused = assertThrows(BindRefused.class, () -> EndpointUrl.parse(bad));
        // Then
        assertEquals(Status.Code.INVALID_ARGUMENT.name(), refused.toError().getCode());
        assertEquals("url", refused.toError().getField());
        assertTrue(refused.getMessage().contains("expected"), refused.getMessage());
    }
}
