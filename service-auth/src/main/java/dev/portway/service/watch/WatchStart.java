package dev.portway.service.watch;

import java.util.List;

/**
 * What a new watcher gets before live changes: a snapshot, or the retained changes after its revision.
 *
 * @param <S> the snapshot type
 * @param <C> the change type
 */
public record WatchStart<S, C>(S snapshot, List<C> replay) {

    public static <S, C> WatchStart<S, C> snapshot(S snapshot) {
        return new WatchStart<>(snapshot, null);
    }

    public static <S, C> WatchStart<S, C> replay(List<C> changes) {
        return new WatchStart<>(null, List.copyOf(changes));
    }

    public boolean isSnapshot() {
        return snapshot != null;
    }
}
