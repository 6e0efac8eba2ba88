package dev.portway.edge;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The agents' links to this edge ({@link dev.portway.relay.link.AgentLink}), by agent session: a client of
 * an endpoint whose session has a link here is carried on a new stream of it, with no call to the bridge and
 * no new TCP connection. A session gets its link by answering one of its connections with {@code
 * agent_accept{link: true}}: the token of that connection proves the link belongs to that session.
 *
 * <p>Read on every accepted client, written when a link arrives or closes and when routes change: a
 * concurrent map.
 */
final class AgentLinks {

    private static final Logger LOG = Logger.getLogger(AgentLinks.class);

    private final Map<String, Channel> bySession = new ConcurrentHashMap<>();

    /** The session an endpoint belongs to: its bridge and the session id the bridge gave it. */
    static String sessionOf(OnlineEndpoint endpoint) {
        return endpoint.bridgeId() + "/" + endpoint.endpoint().getSessionId();
    }

    /** The link of {@code endpoint}'s session, or null if it has none (or it is closing). */
    Channel find(OnlineEndpoint endpoint) {
        Channel link = bySession.get(sessionOf(endpoint));
        return link != null && link.isActive() ? link : null;
    }

    /**
     * Carries {@code session}'s clients on {@code link} from now on. A link it replaces (the agent dialed
     * twice in a race) keeps the streams it has; it closes when its session ends.
     */
    void add(String session, Channel link) {
        bySession.put(session, link);
        link.closeFuture().addListener(closed -> {
            if (bySession.remove(session, link)) {
                LOG.debugf("agent link of session %s from %s closed", session, link.remoteAddress());
            }
        });
        LOG.debugf("agent link of session %s from %s", session, link.remoteAddress());
    }

    /**
     * Closes the links of sessions with no endpoint served any more (the agent went away, or its session
     * ended): their streams ended with their endpoints already. Call after every change of the routes.
     */
    void retain(Set<String> liveSessions) {
        bySession.forEach((session, link) -> {
            if (!liveSessions.contains(session) && bySession.remove(session, link)) {
                link.close();
            }
        });
    }

    int size() {
        return bySession.size();
    }
}
