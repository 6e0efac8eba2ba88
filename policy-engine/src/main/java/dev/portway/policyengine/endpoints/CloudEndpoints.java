package dev.portway.policyengine.endpoints;

import dev.portway.policy.CompiledPolicy;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.InvalidPolicyException;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.PolicyFormat;
import dev.portway.policy.PolicyIssue;
import dev.portway.policyengine.model.Change;
import dev.portway.policyengine.model.CloudEndpointRecord;
import dev.portway.policyengine.model.Snapshot;
import dev.portway.policyengine.store.CloudEndpointStore;
import dev.portway.policyengine.store.UrlTakenException;
import dev.portway.service.RandomIds;
import dev.portway.service.watch.ChangeHub;
import dev.portway.service.watch.Watchable;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rules of cloud endpoints, on top of a store. Callers pass an already authorized account.
 * <p>
 * Policies are compiled when a cloud endpoint is created or updated (and once at start for the stored ones),
 * never per evaluation; an invalid policy is refused before anything is stored. The address is checked with the
 * allocator outside the lock (a network call); one lock then orders the store write, the compiled-policy cache
 * and the order in which watchers see changes.
 */
public class CloudEndpoints implements Watchable<Snapshot, Change> {

    private static final Logger LOG = Logger.getLogger(CloudEndpoints.class);
    /** Cloud endpoint ids: "cep_" and 128 random bits. */
    private static final String ID_PREFIX = "cep_";

    /** A stored cloud endpoint with the warnings of its compiled policy. */
    public record View(CloudEndpointRecord record, List<PolicyIssue> warnings) {
    }

    /** What a list call returns: one page, and where the next starts (null when this was the last). */
    public record Page(List<View> endpoints, String nextAfterUrl) {
    }

    private final CloudEndpointStore store;
    private final ChangeHub<Snapshot, Change> hub;
    private final AddressOwnership addresses;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

    public CloudEndpoints(CloudEndpointStore store, ChangeHub<Snapshot, Change> hub, AddressOwnership addresses,
            Clock clock) {
        this.store = store;
        this.hub = hub;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** Compiles the stored policies. A policy this version refuses is logged and left out of evaluation. */
    public int load() {
        Snapshot snapshot = store.snapshot();
        for (CloudEndpointRecord record : snapshot.endpoints()) {
            try {
                compiled.put(record.id(), compile(record.id(), record.trafficPolicy()));
            } catch (EngineException e) {
                LOG.errorf("stored cloud endpoint %s (%s) has a policy this engine refuses; its connections cannot"
                        + " be decided until it is updated: %s", record.id(), record.url(), e.getMessage());
            }
        }
        return snapshot.endpoints().size();
    }

    public View create(String account, String url, String trafficPolicy, String description,
            Map<String, String> metadata, boolean poolingEnabled) {
        RequestChecks.TcpUrl tcpUrl = RequestChecks.tcpUrl("url", url);
        RequestChecks.checkDescription(description);
        RequestChecks.checkMetadata(metadata);
        String id = RandomIds.newId(ID_PREFIX);
        CompiledPolicy policy = compile(id, trafficPolicy);
        addresses.checkReserved(account, tcpUrl.host(), tcpUrl.port());
        Instant now = now();
        CloudEndpointRecord draft = new CloudEndpointRecord(id, account, tcpUrl.toString(), trafficPolicy,
                description, metadata, poolingEnabled, now, now, 0);
        lock.lock();
        try {
            Change change;
            try {
                change = store.insert(draft);
            } catch (UrlTakenException e) {
                throw new EngineException(Failure.ALREADY_EXISTS, "url " + tcpUrl + " already has a cloud endpoint;"
                        + " update that one (UpdateCloudEndpoint) or delete it first");
            }
            compiled.put(id, policy);
            hub.publish(change);
            LOG.infof("created cloud endpoint %s on %s for account %s (revision %d)", id, tcpUrl, account,
                    change.revision());
            return new View(change.endpoint(), policy.warnings());
        } finally {
            lock.unlock();
        }
    }

    public View update(String account, String id, String trafficPolicy, String description,
            Map<String, String> metadata, boolean poolingEnabled) {
        RequestChecks.requiredId("id", id);
        RequestChecks.checkDescription(description);
        RequestChecks.checkMetadata(metadata);
        CloudEndpointRecord existing = owned(account, id);
        CompiledPolicy policy = compile(id, trafficPolicy);
        lock.lock();
        try {
            CloudEndpointRecord changed = new CloudEndpointRecord(id, existing.account(), existing.url(),
                    trafficPolicy, description, metadata, poolingEnabled, existing.createdAt(), now(), 0);
            Change change = store.update(changed).orElseThrow(() -> notFound(id));
            compiled.put(id, policy);
            hub.publish(change);
            LOG.infof("updated cloud endpoint %s on %s (revision %d)", id, existing.url(), change.revision());
            return new View(change.endpoint(), policy.warnings());
        } finally {
            lock.unlock();
        }
    }

    public View delete(String account, String id) {
        RequestChecks.requiredId("id", id);
        owned(account, id);
        lock.lock();
        try {
            Change change = store.delete(id).orElseThrow(() -> notFound(id));
            CompiledPolicy removed = compiled.remove(id);
            hub.publish(change);
            LOG.infof("deleted cloud endpoint %s on %s (revision %d)", id, change.endpoint().url(), change.revision());
            return new View(change.endpoint(), removed == null ? List.of() : removed.warnings());
        } finally {
            lock.unlock();
        }
    }

    public View get(String account, String id) {
        RequestChecks.requiredId("id", id);
        return view(owned(account, id));
    }

    public Page list(String account, String afterUrl, int pageSize) {
        List<CloudEndpointRecord> records = store.listByAccount(account, afterUrl, pageSize + 1);
        boolean more = records.size() > pageSize;
        List<CloudEndpointRecord> page = more ? records.subList(0, pageSize) : records;
        return new Page(page.stream().map(this::view).toList(), more ? page.get(page.size() - 1).url() : null);
    }

    /** The compiled policy of a cloud endpoint of this account, for Evaluate. */
    public CompiledPolicy compiledPolicy(String account, String id) {
        CloudEndpointRecord record = owned(account, RequestChecks.requiredId("cloud_endpoint_id", id));
        CompiledPolicy policy = compiled.get(record.id());
        if (policy == null) {
            throw new EngineException(Failure.FAILED_PRECONDITION, "cloud endpoint " + id + " has a stored policy"
                    + " this engine refuses; update its traffic_policy");
        }
        return policy;
    }

    public Optional<CloudEndpointRecord> find(String id) {
        return store.findById(id);
    }

    public View view(CloudEndpointRecord record) {
        CompiledPolicy policy = compiled.get(record.id());
        return new View(record, policy == null ? List.of() : policy.warnings());
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

    public int count() {
        return compiled.size();
    }

    public long currentRevision() {
        return store.currentRevision();
    }

    private CloudEndpointRecord owned(String account, String id) {
        CloudEndpointRecord record = store.findById(id).orElseThrow(() -> notFound(id));
        if (!record.account().equals(account)) {
            throw new EngineException(Failure.PERMISSION_DENIED, "cloud endpoint " + RequestChecks.echo(id)
                    + " belongs to another account");
        }
        return record;
    }

    private static EngineException notFound(String id) {
        return new EngineException(Failure.NOT_FOUND, "no cloud endpoint has id " + RequestChecks.echo(id)
                + "; list yours with ListCloudEndpoints");
    }

    private static CompiledPolicy compile(String id, String trafficPolicy) {
        try {
            return PolicyCompiler.compile(id, trafficPolicy, PolicyFormat.AUTO, EndpointKind.CLOUD);
        } catch (InvalidPolicyException e) {
            List<PolicyIssue> errors = e.validation().errors();
            throw EngineException.invalid("traffic_policy is not valid for a cloud endpoint (" + errors.size()
                    + " error" + (errors.size() == 1 ? "" : "s") + "; nothing was stored):\n"
                    + e.validation().describeErrors());
        }
    }

    private Instant now() {
        // Stored with millisecond precision: truncate so what we return equals what a later read returns.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
