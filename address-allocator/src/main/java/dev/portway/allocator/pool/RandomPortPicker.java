package dev.portway.allocator.pool;

import dev.portway.allocator.model.HostPort;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Picks a free host:port uniformly at random among the free ports of some pools.
 * <p>
 * Handing out ports in order would make addresses guessable and would make every caller collide on the
 * same low ports; so it first draws random candidates (cheap while pools are mostly free) and, when those
 * keep hitting held ports, falls back to choosing the k-th free port for a random k, which is still uniform
 * and always terminates.
 */
public final class RandomPortPicker {

    private final RandomGenerator random;
    private final int randomAttempts;

    public RandomPortPicker(RandomGenerator random, int randomAttempts) {
        this.random = random;
        this.randomAttempts = randomAttempts;
    }

    public Optional<HostPort> pick(List<Pool> candidates, HeldPorts held) {
        long totalSize = candidates.stream().mapToLong(Pool::size).sum();
        if (totalSize == 0) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < randomAttempts; attempt++) {
            HostPort candidate = nth(candidates, random.nextLong(totalSize));
            if (!held.isHeld(candidate.host(), candidate.port())) {
                return Optional.of(candidate);
            }
        }
        return pickByScan(candidates, held);
    }

    private static HostPort nth(List<Pool> pools, long index) {
        long remaining = index;
        for (Pool pool : pools) {
            if (remaining < pool.size()) {
                return new HostPort(pool.host(), pool.ports().min() + (int) remaining);
            }
            remaining -= pool.size();
        }
        throw new IllegalStateException("index " + index + " beyond the pools");
    }

    private Optional<HostPort> pickByScan(List<Pool> pools, HeldPorts held) {
        long totalFree = pools.stream().mapToLong(held::freeIn).sum();
        if (totalFree <= 0) {
            return Optional.empty();
        }
        long k = random.nextLong(totalFree);
        for (Pool pool : pools) {
            int free = held.freeIn(pool);
            if (k >= free) {
                k -= free;
                continue;
            }
            for (int port = pool.ports().min(); port <= pool.ports().max(); port++) {
                if (!held.isHeld(pool.host(), port) && k-- == 0) {
                    return Optional.of(new HostPort(pool.host(), port));
                }
            }
        }
        // Only reachable if the counts disagree with the bits, which mark/unmark prevent.
        throw new IllegalStateException("free-port counts disagree with held ports");
    }
}
