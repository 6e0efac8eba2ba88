package dev.portway.bridge.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertFalse(url.internal());
        assertEquals("tcp://1.tcp.portway.local:12345", url.toString());
    }

    @Test
    void shouldTreatBareSchemeAsEphemeralRequest() {
        assertTrue(EndpointUrl.parse("tcp://").isEphemeralRequest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://db.internal:5432", "tcp://example-service.internal:8443",
        "tcp://a.b-c.d1.internal:1", "tcp://0.internal:65535", "tcp://Db.Internal:5432"})
    void shouldParseInternalUrls(String text) {
        // When
        EndpointUrl url = EndpointUrl.parse(text);
        // Then
        assertTrue(url.internal(), text);
        assertFalse(url.isEphemeralRequest());
        assertTrue(url.host().endsWith(".internal"), url.host());
        assertEquals(text.toLowerCase(), url.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://localhost:80", "tcp://localhost", "tcp://localhost:", "tcp://:80",
        "tcp://localhost:70000", "tcp://localhost:0", "localhost:80", "tcp://bad host:80",
        "tcp://.internal:80", "tcp://x.internal:0", "tcp://x.internal", "tcp://internal:80", "tcp://-x.internal:80",
        "tcp://x-.internal:80", "tcp://a..b.internal:80", "tcp://x_y.internal:80", "tcp://x.internal:99999"})
    void shouldRefuseMalformedUrlNamingTheField(String bad) {
        // When
        BindRefused refused = assertThrows(BindRefused.class, () -> EndpointUrl.parse(bad));
        // Then
        assertEquals(Status.Code.INVALID_ARGUMENT.name(), refused.toError().getCode());
        assertEquals("url", refused.toError().getField());
        assertTrue(refused.getMessage().contains("expected"), refused.getMessage());
    }

    @Test
    void shouldSayWhatIsMissingOrWrongInAnInternalUrl() {
        // When
        BindRefused noPort = assertThrows(BindRefused.class, () -> EndpointUrl.parse("tcp://x.internal"));
        BindRefused zero = assertThrows(BindRefused.class, () -> EndpointUrl.parse("tcp://x.internal:0"));
        BindRefused noName = assertThrows(BindRefused.class, () -> EndpointUrl.parse("tcp://.internal:80"));
        // Then
        assertTrue(noPort.getMessage().contains("has no port"), noPort.getMessage());
        assertTrue(zero.getMessage().contains("has port 0: expected 1-65535"), zero.getMessage());
        assertTrue(noName.getMessage().contains("not a valid internal URL"), noName.getMessage());
        assertTrue(noName.getMessage().contains("tcp://<name>.internal:<port>"), noName.getMessage());
    }
}
