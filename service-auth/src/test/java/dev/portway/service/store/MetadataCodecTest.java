package dev.portway.service.store;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataCodecTest {

    @Test
    void shouldGiveBackWhatWasEncodedInKeyOrder() {
        // Given
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("team", "payments");
        metadata.put("env", "prod é");
        metadata.put("empty", "");

        // When
        Map<String, String> decoded = MetadataCodec.decode(MetadataCodec.encode(metadata));

        // Then
        assertEquals(metadata, decoded);
        assertEquals("empty", decoded.keySet().iterator().next());
    }

    @Test
    void shouldReadNoBytesAsNoMetadata() {
        assertTrue(MetadataCodec.decode(null).isEmpty());
        assertTrue(MetadataCodec.decode(new byte[0]).isEmpty());
        assertTrue(MetadataCodec.decode(MetadataCodec.encode(Map.of())).isEmpty());
    }

    @Test
    void shouldRefuseACorruptColumn() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> MetadataCodec.decode(new byte[] {0, 0, 0, 2, 0}));
        assertEquals("corrupt metadata column", e.getMessage());
    }
}
