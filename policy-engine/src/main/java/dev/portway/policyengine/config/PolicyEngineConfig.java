package dev.portway.policyengine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** Configuration of the policy engine: the allocator it checks addresses with, its store, its limits. */
@ConfigMapping(prefix = "portway.policy")
public interface PolicyEngineConfig {

    /**
     * The address-allocator ({@code host:port} of its gRPC server): a cloud endpoint's URL must be an address
     * its account reserved, checked with AddressService.Get and the service token.
     */
    @WithDefault("localhost:7100")
    String allocator();

    /** Deadline of each call to the allocator. */
    @WithDefault("10s")
    Duration allocatorTimeout();

    /** Where cloud endpoints are kept. */
    Store store();

    /**
     * How many of the most recent changes are kept so that a Watch can resume after a disconnect; a watcher
     * further behind gets a fresh snapshot instead.
     */
    @WithDefault("10000")
    int revisionsRetained();

    /**
     * How many live events may wait for one slow watcher. When exceeded, that watcher's stream is ended with
     * ABORTED and the revision to resume from, so one slow client cannot make memory grow.
     */
    @WithDefault("1024")
    int watchBufferSize();

    /** Evaluate: how many forward-internal hops one connection may take (guards against forward loops). */
    @WithDefault("4")
    int maxForwardDepth();

    /** The embedded SQLite store. */
    interface Store {

        /** Database file; relative paths resolve against the working directory. Parent directories are created. */
        @WithDefault("data/policy.db")
        Path path();
    }
}
