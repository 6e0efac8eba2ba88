package dev.portway.allocator.allocation;

import dev.portway.allocator.model.AddressKind;
import dev.portway.allocator.model.AddressRecord;
import dev.portway.allocator.model.Change;
import dev.portway.allocator.model.HostPort;
import dev.portway.allocator.model.Snapshot;
import dev.portway.allocator.pool.HeldPorts;
import dev.portway.allocator.pool.Pool;
import dev.portway.allocator.pool.PoolSet;
import dev.portway.allocator.pool.RandomPortPicker;
import dev.portway.allocator.store.AddressStore;
import dev.portway.allocator.store.HostPortTakenException;
import dev.portway.service.RandomIds;
import dev.portway.service.watch.ChangeHub;
import dev.portway.service.watch.Watchable;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The allocation rules, on top of a store. Callers pass an already authorized account.
 * <p>
 * One lock orders every mutation: the in-memory view of held ports, the store and the order in which
 * watchers see changes then always agree. The lock is held across the store commit (an fsync); that is
 * the throughput limit, and it is far above what address churn needs.
 */
public class Allocator implements Watchable<Snapshot, Change> {

    private static final Logger LOG = Logger.getLogger(Allocator.class);
    /** Address ids: "ad_" and 128 random bits. */
    private static final String ID_PREFIX = "ad_";
    private static final int RENEW_LIMIT = 10_000;
    private static final int SWEEP_BATCH = 500;

    private final PoolSet pools;
    private final AddressStore store;
    private final ChangeHub<Snapshot, Change> hub;
    private final Clock clock;
    private final Duration ephemeralLease;
    private final RandomGenerator random;
    private final RandomPortPicker picker;
    private final RequestChecks checks;
    private final HeldPorts held;
    private final ReentrantLock lock = new ReentrantLock();

    public Allocator(PoolSet pools, AddressStore store, ChangeHub<Snapshot, Change> hub, Clock clock,
            Duration ephemeralLease, RandomGenerator random) {
        this.pools = pools;
        this.store = store;
        this.hub = hub;
        this.clock = clock;
        this.ephemeralLease = ephemeralLease;
        this.random = random;
        this.picker = new RandomPortPicker(random, 32);
        this.checks = new RequestChecks(pools);
        this.held = new HeldPorts(pools);
    }

    /**
     * Loads the held ports from the store. Ephemeral leases are pushed to at least one lease from now:
     * while the allocator was down nobody could renew them, and bound agents must not lose their address
     * because of our restart.
     *
     * @return the number of addresses held
     */
    public int load() {
        lock.lock();
        try {
            store.extendEphemeralLeasesTo(now().plus(ephemeralLease));
            Snapshot snapshot = store.snapshot();
            int outsidePools = 0;
            for (AddressRecord address : snapshot.addresses()) {
                held.mark(address.host(), address.port());
                if (pools.poolFor(address.host(), address.port()).isEmpty()) {
                    outsidePools++;
                }
            }
            if (outsidePools > 0) {
                LOG.warnf("%d held addresses are outside the configured pools; they stay held until released",
                        outsidePools);
            }
            return snapshot.addresses().size();
        } finally {
            lock.unlock();
        }
    }

    public HeldPorts heldPorts() {
        return held;
    }

    public PoolSet pools() {
        return pools;
    }

    public AddressRecord reserve(ReserveCommand command) {
        Objects.requireNonNull(command.account(), "account");
        RequestChecks.checkDescription(command.description());
        RequestChecks.checkMetadata(command.metadata());
        String host = checks.poolHost("host", command.host());
        int port = RequestChecks.optionalPort("port", command.port());
        List<Pool> candidates = checks.candidatePools(host, port);
        lock.lock();
        try {
            return port == 0 ? reserveRandom(command, candidates) : reserveSpecific(command, candidates, port);
        } finally {
            lock.unlock();
        }
    }

    private AddressRecord reserveRandom(ReserveCommand command, List<Pool> candidates) {
        // A collision can only come from a view/store disagreement; correct the view and draw again.
        for (int attempt = 0; attempt < 3; attempt++) {
            HostPort chosen = picker.pick(candidates, held).orElseThrow(() -> exhausted(candidates));
            try {
                return insert(command, chosen);
            } catch (HostPortTakenException e) {
                LOG.warnf("%s was free in memory but held in the store; retrying", chosen);
                held.mark(chosen.host(), chosen.port());
            }
        }
        throw exhausted(candidates);
    }

    private AddressRecord reserveSpecific(ReserveCommand command, List<Pool> candidates, int port) {
        List<Pool> free = new ArrayList<>();
        for (Pool pool : candidates) {
            if (!held.isHeld(pool.host(), port)) {
                free.add(pool);
                continue;
            }
            Optional<AddressRecord> holder = store.findByHostPort(pool.host(), port);
            if (holder.isPresent() && reclaimable(holder.get(), command)) {
                // An agent that reconnects asks for its ephemeral address again: hand it back, renewed.
                Instant lease = now().plus(ephemeralLease);
                store.renewLeases(List.of(holder.get().id()), lease);
                return holder.get().withLeaseExpiresAt(lease);
            }
        }
        if (free.isEmpty()) {
            throw alreadyReserved(command, candidates, port);
        }
        Pool chosen = free.get(random.nextInt(free.size()));
        HostPort hostPort = new HostPort(chosen.host(), port);
        try {
            return insert(command, hostPort);
        } catch (HostPortTakenException e) {
            held.mark(hostPort.host(), hostPort.port());
            throw new AllocationException(Failure.ALREADY_EXISTS, hostPort
                    + " is already reserved; reserve another port, or 0 for a random free port");
        }
    }

    private static boolean reclaimable(AddressRecord holder, ReserveCommand command) {
        return command.ephemeral() && holder.isEphemeral() && holder.account().equals(command.account());
    }

    private AddressRecord insert(ReserveCommand command, HostPort hostPort) {
        Instant now = now();
        AddressRecord draft = new AddressRecord(RandomIds.newId(ID_PREFIX), hostPort.host(), hostPort.port(),
                command.account(), command.description(), command.metadata(), now,
                command.ephemeral() ? AddressKind.EPHEMERAL : AddressKind.RESERVED,
                command.ephemeral() ? now.plus(ephemeralLease) : null, 0);
        Change change = store.insert(draft);
        held.mark(hostPort.host(), hostPort.port());
        hub.publish(change);
        LOG.debugf("reserved %s as %s for account %s (revision %d)", hostPort, draft.id(), command.account(),
                change.revision());
        return change.address();
    }

    private AllocationException alreadyReserved(ReserveCommand command, List<Pool> candidates, int port) {
        if (candidates.size() == 1) {
            String hostPort = candidates.get(0).host() + ":" + port;
            Optional<AddressRecord> holder = store.findByHostPort(candidates.get(0).host(), port);
            String yours = holder.filter(h -> h.account().equals(command.account()))
                    .map(h -> " by your account as " + h.id() + " (" + h.kind().name().toLowerCase() + ")")
                    .orElse("");
            return new AllocationException(Failure.ALREADY_EXISTS, hostPort + " is already reserved" + yours
                    + "; reserve another port, or 0 for a random free port");
        }
        return new AllocationException(Failure.ALREADY_EXISTS, "port " + port
                + " is already reserved on every pool host that has it ("
                + String.join(", ", candidates.stream().map(Pool::host).toList())
                + "); reserve another port, or 0 for a random free port");
    }

    private AllocationException exhausted(List<Pool> candidates) {
        return new AllocationException(Failure.RESOURCE_EXHAUSTED, "every port of " + pools.describe(candidates)
                + " is reserved; release addresses you no longer need, or ask an operator to add pools");
    }

    public AddressRecord get(String account, AddressSelector selector) {
        return owned(account, find(selector), "read");
    }

    public AddressRecord release(String account, AddressSelector selector) {
        lock.lock();
        try {
            AddressRecord address = owned(account, find(selector), "release");
            Change change = store.delete(address.id())
                    .orElseThrow(() -> notFound(selector));
            held.unmark(address.host(), address.port());
            hub.publish(change);
            LOG.debugf("released %s (%s) of account %s (revision %d)", address.hostPort(), address.id(), account,
                    change.revision());
            return change.address();
        } finally {
            lock.unlock();
        }
    }

    private AddressRecord find(AddressSelector selector) {
        Optional<AddressRecord> found;
        if (selector.isById()) {
            if (selector.id().isBlank()) {
                throw RequestChecks.invalid("address.id is empty: set the id of the address (ad_...)"
                        + " or use address.host_port");
            }
            found = store.findById(selector.id());
        } else {
            String host = RequestChecks.requiredHost("address.host_port.host", selector.host());
            int port = RequestChecks.requiredPort("address.host_port.port", selector.port());
            found = store.findByHostPort(host, port);
        }
        return found.orElseThrow(() -> notFound(selector));
    }

    private static AddressRecord owned(String account, AddressRecord address, String verb) {
        if (!address.account().equals(account)) {
            throw new AllocationException(Failure.PERMISSION_DENIED, "address " + address.id() + " ("
                    + address.hostPort() + ") belongs to another account; you can only " + verb
                    + " addresses of account '" + account + "'");
        }
        return address;
    }

    private static AllocationException notFound(AddressSelector selector) {
        String what = selector.isById()
                ? "no address has id " + RequestChecks.echo(selector.id())
                : "nothing is reserved at " + RequestChecks.echo(selector.host() + ":" + selector.port());
        return new AllocationException(Failure.NOT_FOUND, what + "; List shows the addresses of your account");
    }

    public AddressPage list(String account, HostPort after, int limit) {
        // One extra row tells whether another page follows.
        List<AddressRecord> rows = store.listByAccount(account, after, limit + 1);
        if (rows.size() <= limit) {
            return new AddressPage(rows, null);
        }
        List<AddressRecord> page = rows.subList(0, limit);
        return new AddressPage(List.copyOf(page), page.get(limit - 1).hostPort());
    }

    /**
     * Extends the lease of ephemeral addresses.
     *
     * @param account the caller's account, or null for the service token (any account)
     * @return the ids that no longer exist; for a user account also those of other accounts
     */
    public Set<String> renewLeases(String account, List<String> ids) {
        if (ids.size() > RENEW_LIMIT) {
            throw RequestChecks.invalid("address_ids has " + ids.size() + " ids; at most " + RENEW_LIMIT
                    + " are allowed per call: split them over several calls");
        }
        lock.lock();
        try {
            List<String> renewable = new ArrayList<>();
            List<String> notYours = new ArrayList<>();
            for (String id : ids) {
                if (account == null) {
                    renewable.add(id);
                } else if (store.findById(id).filter(a -> a.account().equals(account)).isPresent()) {
                    renewable.add(id);
                } else {
                    notYours.add(id);
                }
            }
            Set<String> missing = new LinkedHashSet<>(store.renewLeases(renewable, now().plus(ephemeralLease)));
            missing.addAll(notYours);
            return missing;
        } finally {
            lock.unlock();
        }
    }

    public List<PoolUsage> poolUsage() {
        return pools.all().stream()
                .map(p -> new PoolUsage(p.host(), p.ports().min(), p.ports().max(), held.reservedIn(p),
                        held.freeIn(p)))
                .toList();
    }

    /**
     * Releases ephemeral addresses whose lease ran out; watchers see each as released.
     *
     * @return how many were released
     */
    public int releaseExpired() {
        lock.lock();
        try {
            int released = 0;
            List<AddressRecord> expired;
            do {
                expired = store.findExpired(now(), SWEEP_BATCH);
                for (AddressRecord address : expired) {
                    Optional<Change> change = store.delete(address.id());
                    if (change.isPresent()) {
                        held.unmark(address.host(), address.port());
                        hub.publish(change.get());
                        released++;
                    }
                }
            } while (expired.size() == SWEEP_BATCH);
            return released;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, so no change can fall between what a watcher starts with and its first live change. */
    @Override
    public void watch(ChangeHub.Subscriber<Snapshot, Change> subscriber, long resumeFromRevision) {
        lock.lock();
        try {
            hub.subscribe(subscriber, resumeFromRevision, store);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unwatch(ChangeHub.Subscriber<Snapshot, Change> subscriber) {
        hub.remove(subscriber);
    }

    public long currentRevision() {
        return store.currentRevision();
    }

    private Instant now() {
        // Stored with millisecond precision: truncate so what we return equals what a later read returns.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
