package dev.portway.allocator.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.api.v1.Address;

import java.time.Instant;

/**
 * Converts between the model and the {@code portway.v1.Address} message. The same bytes are the wire format
 * and the durable format of the change log, so what a watcher replays is exactly what was sent live.
 */
public final class AddressProtoCodec {

    private AddressProtoCodec() {
    }

    public static Address toProto(AddressRecord record) {
        Address.Builder builder = Address.newBuilder()
                .setId(record.id())
                .setHost(record.host())
                .setPort(record.port())
                .setAccount(record.account())
                .setDescription(record.description())
                .putAllMetadata(record.metadata())
                .setCreatedAt(timestamp(record.createdAt()))
                .setKind(record.kind() == AddressKind.EPHEMERAL
                        ? dev.portway.api.v1.AddressKind.ADDRESS_KIND_EPHEMERAL
                        : dev.portway.api.v1.AddressKind.ADDRESS_KIND_RESERVED)
                .setRevision(record.revision());
        if (record.leaseExpiresAt() != null) {
            builder.setLeaseExpiresAt(timestamp(record.leaseExpiresAt()));
        }
        return builder.build();
    }

    public static AddressRecord fromProto(Address address) {
        AddressKind kind = address.getKind() == dev.portway.api.v1.AddressKind.ADDRESS_KIND_EPHEMERAL
                ? AddressKind.EPHEMERAL
                : AddressKind.RESERVED;
        return new AddressRecord(address.getId(), address.getHost(), address.getPort(), address.getAccount(),
                address.getDescription(), address.getMetadataMap(), instant(address.getCreatedAt()), kind,
                address.hasLeaseExpiresAt() ? instant(address.getLeaseExpiresAt()) : null, address.getRevision());
    }

    public static byte[] toBytes(AddressRecord record) {
        return toProto(record).toByteArray();
    }

    public static AddressRecord fromBytes(byte[] bytes) {
        try {
            return fromProto(Address.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored address is not a portway.v1.Address", e);
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
