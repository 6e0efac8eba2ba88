package dev.portway.policyengine.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.portway.api.v1.CloudEndpoint;
import dev.portway.policyengine.model.CloudEndpointRecord;

import java.time.Instant;

/**
 * Converts between the model and the {@code portway.v1.CloudEndpoint} message. The same bytes (without the policy
 * warnings, which are derived) are the durable format of the change log.
 */
public final class CloudEndpointCodec {

    private CloudEndpointCodec() {
    }

    public static CloudEndpoint toProto(CloudEndpointRecord record) {
        return CloudEndpoint.newBuilder()
                .setId(record.id())
                .setAccount(record.account())
                .setUrl(record.url())
                .setTrafficPolicy(record.trafficPolicy())
                .setDescription(record.description())
                .putAllMetadata(record.metadata())
                .setPoolingEnabled(record.poolingEnabled())
                .setCreatedAt(timestamp(record.createdAt()))
                .setUpdatedAt(timestamp(record.updatedAt()))
                .setRevision(record.revision())
                .build();
    }

    public static CloudEndpointRecord fromProto(CloudEndpoint endpoint) {
        return new CloudEndpointRecord(endpoint.getId(), endpoint.getAccount(), endpoint.getUrl(),
                endpoint.getTrafficPolicy(), endpoint.getDescription(), endpoint.getMetadataMap(),
                endpoint.getPoolingEnabled(), instant(endpoint.getCreatedAt()), instant(endpoint.getUpdatedAt()),
                endpoint.getRevision());
    }

    public static byte[] toBytes(CloudEndpointRecord record) {
        return toProto(record).toByteArray();
    }

    public static CloudEndpointRecord fromBytes(byte[] bytes) {
        try {
            return fromProto(CloudEndpoint.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored change is not a portway.v1.CloudEndpoint", e);
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
