package dev.portway.edge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Every member at one URL, and which of them take new connections: all of them, one chosen uniformly at random
 * per connection, when every member enabled pooling; otherwise only the earliest (bound or created first, then
 * the lowest id), and the others are reported. Immutable.
 */
public final class Pool {

    static final Comparator<RouteMember> EARLIEST_FIRST =
            Comparator.comparingLong(RouteMember::since).thenComparing(RouteMember::id);

    private final RouteMember[] served;
    private final List<RouteMember> servedList;
    private final List<RouteMember> notServed;

    private Pool(List<RouteMember> served, List<RouteMember> notServed) {
        this.served = served.toArray(RouteMember[]::new);
        this.servedList = List.copyOf(served);
        this.notServed = List.copyOf(notServed);
    }

    /** @param members at least one */
    static Pool of(List<RouteMember> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one member");
        }
        List<RouteMember> ordered = new ArrayList<>(members);
        ordered.sort(EARLIEST_FIRST);
        if (ordered.stream().allMatch(RouteMember::pooling)) {
            return new Pool(ordered, List.of());
        }
        return new Pool(ordered.subList(0, 1), ordered.subList(1, ordered.size()));
    }

    /**
     * The member for one new connection.
     *
     * @param random returns an index in {@code [0, bound)} for the bound it is given
     */
    RouteMember pick(IntUnaryOperator random) {
        return served.length == 1 ? served[0] : served[random.applyAsInt(served.length)];
    }

    /** The members that take new connections, earliest first. */
    public List<RouteMember> served() {
        return servedList;
    }

    /** Members left out because not every member enabled pooling; empty when pooled. */
    public List<RouteMember> notServed() {
        return notServed;
    }
}
