package dev.portway.service.grpc;

import dev.portway.service.watch.AccountOwned;
import dev.portway.service.watch.RecordChange;
import dev.portway.service.watch.RecordSnapshot;

import java.util.List;

/** The smallest watchable model: items of an account, their changes, snapshots, and events that name them. */
final class Items {

    private Items() {
    }

    record Item(String id, String account) implements AccountOwned {
    }

    record ItemChange(long revision, Item record) implements RecordChange<Item> {
    }

    record ItemSnapshot(long revision, List<Item> records) implements RecordSnapshot<Item> {
    }

    /** What a client receives: a snapshot with the ids it may see, or one changed id. */
    record Event(long revision, boolean snapshot, List<String> ids) {
    }

    static final WatchEvents<Item, ItemChange, Event> EVENTS = new WatchEvents<>() {
        @Override
        public Event snapshot(long revision, List<Item> records) {
            return new Event(revision, true, records.stream().map(Item::id).toList());
        }

        @Override
        public Event change(ItemChange change) {
            return new Event(change.revision(), false, List.of(change.record().id()));
        }
    };

    static ItemChange changed(long revision, String account) {
        return new ItemChange(revision, new Item("it_" + revision, account));
    }
}
