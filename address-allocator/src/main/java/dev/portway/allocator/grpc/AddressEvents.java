package dev.portway.allocator.grpc;

import dev.portway.allocator.codec.AddressProtoCodec;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.ChangeType;
import dev.portway.api.v1.AddressEvent;
import dev.portway.api.v1.AddressSnapshot;
import dev.portway.service.grpc.WatchEvents;

import java.util.List;

/** What AddressService.Watch sends: a snapshot of addresses, then each reservation and release. */
final class AddressEvents implements WatchEvents<AddressRecord, Change, AddressEvent> {

    static final AddressEvents INSTANCE = new AddressEvents();

    private AddressEvents() {
    }

    @Override
    public AddressEvent snapshot(long revision, List<AddressRecord> addresses) {
        return AddressEvent.newBuilder()
                .setRevision(revision)
                .setSnapshot(AddressSnapshot.newBuilder()
                        .addAllAddresses(addresses.stream().map(AddressProtoCodec::toProto).toList()))
                .build();
    }

    @Override
    public AddressEvent change(Change change) {
        AddressEvent.Builder event = AddressEvent.newBuilder().setRevision(change.revision());
        if (change.type() == ChangeType.RESERVED) {
            event.setReserved(AddressProtoCodec.toProto(change.address()));
        } else {
            event.setReleased(AddressProtoCodec.toProto(change.address()));
        }
        return event.build();
    }
}
