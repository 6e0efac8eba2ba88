package dev.portway.bridge.session;

import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.BridgeMessage;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.Heartbeat;
import dev.portway.api.v1.OpenConnection;
import dev.portway.api.v1.SessionAccepted;
import dev.portway.api.v1.UnbindRequest;
import dev.portway.api.v1.UnbindResponse;
import dev.portway.bridge.Ids;
import dev.portway.bridge.endpoint.BindRefused;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One agent's session: authenticates it, serves its binds and unbinds, sends it connections, and
 * watches its heartbeats. When the session ends, for whatever reason, every endpoint it bound goes
 * offline, and the edges close the connections they carried for it.
 *
 * <p>Incoming messages arrive one at a time (gRPC serializes them); outgoing ones come from several
 * threads (binds completing, the heartbeat timer, the data plane), so sending is synchronized.
 */
public final class AgentSession implements StreamObserver<AgentMessage> {

    private static final Logger LOG = Logger.getLogger(AgentSession.class);

    private final SessionServices services;
    private final ServerCallStreamObserver<BridgeMessage> toAgent;
    private final String id = Ids.random("ses");
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile SessionState state = new SessionState.AwaitingHello();
    private volatile long lastHeardNanos = System.nanoTime();
    private long heartbeatTimer = -1;

    AgentSession(SessionServices services, ServerCallStreamObserver<BridgeMessage> toAgent) {
        this.services = services;
        this.toAgent = toAgent;
        toAgent.setOnCancelHandler(() -> end("agent went away"));
    }

    public String id() {
        return id;
    }

    public boolean isActive() {
        return state instanceof SessionState.Active;
    }

    @Override
    public void onNext(AgentMessage message) {
        lastHeardNanos = System.nanoTime();
        SessionState now = state;
        if (now instanceof SessionState.AwaitingHello) {
            hello(message);
        } else if (now instanceof SessionState.Active active) {
            serve(active, message);
        }
    }

    private void hello(AgentMessage message) {
        if (!message.hasHello()) {
            fail(Status.FAILED_PRECONDITION.withDescription("the first message of a session must be hello"));
            return;
        }
        var account = services.authtokens().accountOf(message.getHello().getAuthtoken());
        if (account.isEmpty()) {
            LOG.infof("session %s refused: unknown authtoken", id);
            fail(Status.UNAUTHENTICATED.withDescription(
                    "authtoken refused: pass a valid --authtoken or set PORTWAY_AUTHTOKEN"));
            return;
        }
        state = new SessionState.Active(account.get());
        services.sessions().register(this);
        Duration interval = services.config().heartbeatInterval();
        Duration timeout = services.config().heartbeatTimeout();
        send(BridgeMessage.newBuilder().setAccepted(SessionAccepted.newBuilder()
                .setSessionId(id)
                .setAccount(account.get())
                .setBridgeId(services.identity().id())
                .setHeartbeatIntervalMillis((int) interval.toMillis())
                .setHeartbeatTimeoutMillis((int) timeout.toMillis()))
                .build());
        synchronized (this) {
            if (isActive()) {
                heartbeatTimer = services.vertx().setPeriodic(interval.toMillis(), t -> heartbeat(timeout));
            }
        }
        LOG.infof("session %s opened for account %s (agent %s)", id, account.get(),
                message.getHello().getAgentVersion());
    }

    private void serve(SessionState.Active active, AgentMessage message) {
        switch (message.getMessageCase()) {
            case BIND -> bind(active.account(), message.getBind());
            case UNBIND -> unbind(active.account(), message.getUnbind());
            case HEARTBEAT -> { } // lastHeardNanos is already updated
            // The agent also tells the edge (AgentAccept.error), which closes the client; here it is only logged.
            case CONNECTION_FAILED -> LOG.debugf("session %s: connection %s failed at the agent: %s", id,
                    message.getConnectionFailed().getConnectionId(), message.getConnectionFailed().getReason());
            case HELLO -> fail(Status.FAILED_PRECONDITION.withDescription("hello was already received"));
            default -> LOG.debugf("session %s: ignoring message %s", id, message.getMessageCase());
        }
    }

    private void bind(String account, BindRequest request) {
        services.binder().bind(this, account, request).whenComplete((bound, error) -> {
            BindResponse.Builder response = BindResponse.newBuilder().setRequestId(request.getRequestId());
            if (error == null) {
                response.setEndpoint(bound.endpoint()).addAllPolicyWarnings(bound.policyWarnings());
            } else {
                response.setError(BindRefused.from(error).toError());
            }
            send(BridgeMessage.newBuilder().setBindResponse(response).build());
        });
    }

    private void unbind(String account, UnbindRequest request) {
        Endpoint endpoint = endpoints.remove(request.getEndpointId());
        UnbindResponse.Builder response = UnbindResponse.newBuilder().setRequestId(request.getRequestId());
        if (endpoint == null) {
            response.setError(new BindRefused(Status.Code.NOT_FOUND, "endpoint_id",
                    "endpoint " + request.getEndpointId() + " is not bound by this session").toError());
        } else {
            // Edges see the endpoint go offline and close its connections.
            services.binder().unbind(endpoint, true);
        }
        send(BridgeMessage.newBuilder().setUnbindResponse(response).build());
    }

    /**
     * Records an endpoint the binder put online for this session. Returns false if the session
     * ended meanwhile: the caller must then undo the bind.
     */
    public synchronized boolean track(Endpoint endpoint) {
        if (!isActive()) {
            return false;
        }
        endpoints.put(endpoint.getId(), endpoint);
        return true;
    }

    /** Asks the agent to dial back for a new client connection. */
    public void openConnection(OpenConnection open) {
        send(BridgeMessage.newBuilder().setOpenConnection(open).build());
    }

    private void heartbeat(Duration timeout) {
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos > timeout.toNanos()) {
            end("no heartbeat for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
            fail(Status.UNAVAILABLE.withDescription("no heartbeat within " + timeout.toMillis() + " ms"));
            return;
        }
        send(BridgeMessage.newBuilder()
                .setHeartbeat(Heartbeat.newBuilder().setSentAtUnixNanos(System.currentTimeMillis() * 1_000_000L))
                .build());
    }

    @Override
    public void onError(Throwable error) {
        end("session broke: " + Status.fromThrowable(error).getCode());
    }

    @Override
    public void onCompleted() {
        end("agent closed the session");
        synchronized (this) {
            try {
                toAgent.onCompleted();
            } catch (RuntimeException alreadyClosed) {
                // The call is already over; nothing left to tell the agent.
            }
        }
    }

    private void fail(Status status) {
        end(status.getDescription());
        synchronized (this) {
            try {
                toAgent.onError(status.asRuntimeException());
            } catch (RuntimeException alreadyClosed) {
                // The call is already over.
            }
        }
    }

    private synchronized void send(BridgeMessage message) {
        if (state instanceof SessionState.Closed) {
            return;
        }
        try {
            toAgent.onNext(message);
        } catch (RuntimeException e) {
            // The call was cancelled under us: the cancel handler ends the session.
            LOG.debugf("session %s: send failed: %s", id, e.getMessage());
        }
    }

    /** Ends the session once: endpoints offline, connections closed, timers stopped. */
    private void end(String reason) {
        synchronized (this) {
            if (state instanceof SessionState.Closed) {
                return;
            }
            boolean wasActive = isActive();
            state = new SessionState.Closed(reason);
            if (heartbeatTimer >= 0) {
                services.vertx().cancelTimer(heartbeatTimer);
            }
            if (!wasActive) {
                return;
            }
        }
        services.sessions().unregister(this);
        for (Endpoint endpoint : endpoints.values()) {
            // Not released: an agent that comes back within the grace period gets its address again.
            services.binder().unbind(endpoint, false);
        }
        endpoints.clear();
        LOG.infof("session %s closed: %s", id, reason);
    }
}
