package dev.portway.service.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** Metadata column format: entry count, then key and value as modified UTF-8. Small and dependency-free. */
public final class MetadataCodec {

    private MetadataCodec() {
    }

    public static byte[] encode(Map<String, String> metadata) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(metadata.size());
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, String> decode(byte[] data) {
        Map<String, String> metadata = new TreeMap<>();
        if (data == null || data.length == 0) {
            return metadata;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                metadata.put(in.readUTF(), in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt metadata column", e);
        }
        return metadata;
    }
}
