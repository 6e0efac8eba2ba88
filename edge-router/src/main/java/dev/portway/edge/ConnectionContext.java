package dev.portway.edge;

import java.time.Duration;

/**
 * What every client connection of this edge uses, shared by all of them.
 *
 * @param connections open connections by endpoint, swept when endpoints go offline
 * @param pending connections waiting for their agent, claimed by the data listener
 * @param links the agents' links to this edge, by session: the fast path
 * @param brokers asks the endpoint's bridge to have the agent dial back
 * @param agentData where agents dial; its advertised address goes into every request
 * @param routes the routes, read once per accepted client and checked again after registering
 * @param decider decides each accepted client by traffic policy
 * @param events the structured events (policy logs, one {@code tcp_connection_closed} per connection)
 * @param agentDialTimeout how long a client waits for its agent
 * @param agentLinks whether agents may answer with a link (see {@link EdgeConfig#agentLinks()})
 */
record ConnectionContext(ConnectionRegistry connections, PendingConnections pending, AgentLinks links, BridgeBrokers brokers,
                         AgentDataListener agentData, PublishedRoutes routes, ConnectionDecider decider,
                         EdgeEvents events, EdgeMetrics metrics, Duration agentDialTimeout,
                         boolean agentLinks) {}
