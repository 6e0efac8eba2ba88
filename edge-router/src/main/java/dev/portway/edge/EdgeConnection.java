package dev.portway.edge;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.portway.api.v1.OpenRequest;
import dev.portway.api.v1.OpenResponse;
import dev.portway.policy.ConnectionFacts;
import dev.portway.relay.ChannelMoves;
import dev.portway.relay.Splice;
import dev.portway.relay.Transport;
import dev.portway.relay.link.AgentLink;
import dev.portway.relay.link.LinkHeaders;
import io.grpc.Status;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One client connection, from accept until both of its sockets are closed. It starts from the {@link Admission}
 * the {@link ConnectionDecider} made: a refused client is closed at once; a routed one is carried to its target
 * (the endpoint itself, or the internal endpoint its policy forwarded to).
 *
 * <pre>
 *   Accepted ──refused by the decision──▶ Closed (client reset at once)
 *   Accepted ──the target's agent has a link here──▶ AwaitingStream ──stream opened──▶ Spliced (the agent's answer
 *                                                       comes later: no answer in time resets, a refusal closes)
 *   Accepted ──no link: Open sent to the bridge──▶ AwaitingAgent ──agent dialed in──▶ Spliced
 *                                                      └──agent dialed in as a link──▶ AwaitingStream
 *   Spliced ──both sides closed──▶ Closed
 *   AwaitingStream, AwaitingAgent ──refused by the agent / Open failed / timeout / client left──▶ Closed
 *   any state ──endpoint offline (abort; a spliced connection is reset)──▶ Closed
 * </pre>
 *
 * <p>The fast path is the agent's link ({@link AgentLinks}): the client is moved onto the link's event loop
 * first (so client and stream share one thread), then a stream is opened naming the endpoint. Without a link,
 * the edge asks the endpoint's bridge ({@code ConnectionBroker.Open}) to have its agent dial the edge's data
 * listener with a fresh connection id and one-time token; the agent's data connection then meets the client
 * here, or, if the agent has no link to this edge yet, that connection becomes its link.
 *
 * <p>Every transition runs on the client's event loop, so the state needs no lock: the gRPC answer, the
 * timeout, the agent's channel or stream and {@link #abort} from the control thread all hop onto that loop
 * first. When it is over (the client's socket closed, or, once spliced, both sides) it emits its one
 * {@code tcp_connection_closed} event.
 */
final class EdgeConnection implements Splice.Observer {

    private static final Logger LOG = Logger.getLogger(EdgeConnection.class);

    sealed interface State permits Accepted, AwaitingStream, AwaitingAgent, Spliced, Closed {}

    record Accepted() implements State {}

    /** A stream of the agent's link is opening; {@code timeout} ends the client if the agent does not answer. */
    record AwaitingStream(ScheduledFuture<?> timeout) implements State {}

    /** Registered as pending under {@code connectionId}; {@code timeout} refuses the client if no agent comes. */
    record AwaitingAgent(String connectionId, ScheduledFuture<?> timeout) implements State {}

    record Spliced(Splice splice) implements State {}

    record Closed(String why) implements State {}

    /** Why a connection was reset by the edge rather than by one of its peers. */
    static final class EndpointGone extends IOException {
        EndpointGone(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected event, not a bug: the stack says nothing
        }
    }

    private final Channel client;
    private final Admission admission;
    private final ConnectionFacts facts;
    /** The endpoint the client connected to; null when it arrived where nothing is served. */
    private final RouteMember entry;
    /** The agent endpoint that carries it; null when refused. */
    private final RouteMember target;
    private final OnlineEndpoint agentEndpoint;
    private final List<String> registeredUnder;
    private final ConnectionContext context;
    private final long startNanos = System.nanoTime();
    private EdgeMetrics.EndpointTraffic traffic;
    private State state = new Accepted();
    private Splice splice;
    private boolean reported;
    /** Spliced to a stream the agent has not answered yet: ends the connection if no answer comes. */
    private ScheduledFuture<?> answerTimeout;
    /** Why the agent could not serve the stream it had been spliced to, or null. */
    private String agentRefusal;

    EdgeConnection(Channel client, Admission admission, ConnectionFacts facts, ConnectionContext context) {
        this.client = client;
        this.admission = admission;
        this.facts = facts;
        this.entry = admission.entry();
        this.target = admission instanceof Admission.Route route ? route.target() : null;
        this.agentEndpoint = target == null ? null : target.agent();
        this.registeredUnder = target == null ? List.of()
                : target.id().equals(entry.id()) ? List.of(entry.id()) : List.of(entry.id(), target.id());
        this.context = context;
    }

    /**
     * The endpoints this connection depends on, for {@link ConnectionRegistry}: the one the client connected to
     * and the one carrying it (the same one unless a policy forwarded it). It ends when either goes offline.
     */
    List<String> endpointIds() {
        return registeredUnder;
    }

    /** The client's event loop: where a link made for this connection is moved. */
    EventLoop eventLoop() {
        return client.eventLoop();
    }

    /** The agent session that carries this connection (see {@link AgentLinks#sessionOf}); null when refused. */
    String agentSession() {
        return agentEndpoint == null ? null : AgentLinks.sessionOf(agentEndpoint);
    }

    /**
     * Refuses the client, or starts carrying it: over the agent's link if it has one here (after moving the
     * client onto the link's loop), else by asking the target's bridge. Call on the client's event loop.
     */
    void start() {
        if (admission instanceof Admission.Refuse refused) {
            client.closeFuture().addListener(f -> clientClosed());
            if (Admission.POLICY_ENGINE_UNAVAILABLE.equals(refused.reason())) {
                context.metrics().closedPolicyEngineUnavailable();
            }
            refuse(refused.reason() + " (" + refused.detail() + ")");
            return;
        }
        Channel link = context.links().find(agentEndpoint);
        if (link == null) {
            begin(null);
            return;
        }
        // Moved before anything else can reach this connection (it is not registered yet): no task of it
        // can run on the old loop while the client is in transit.
        ChannelMoves.moveTo(client, link.eventLoop(), () -> begin(link), failure -> {
            state = new Closed("could not move the client onto its agent link's loop: " + failure);
            context.metrics().connectionRefused();
            report();
        });
    }

    private void begin(Channel link) {
        // Bytes count for the endpoint the client connected to, wherever a policy sent it.
        traffic = context.metrics().trafficOf(entry.accountUrl());
        context.connections().add(this);
        client.closeFuture().addListener(f -> clientClosed());
        // Registered first, checked second: see ConnectionRegistry for why this closes the race with a sweep.
        Routes routes = context.routes().current();
        if (!routes.isLive(entry.id()) || !routes.isLive(target.id())) {
            refuse("endpoint went offline");
            return;
        }
        if (link != null) {
            openStream(link);
            return;
        }
        String dataAddress = context.agentData().advertisedAddress();
        if (dataAddress == null) {
            refuse("the agent data listener is not bound");
            return;
        }
        PendingConnections.Ticket ticket = context.pending().register(this);
        state = new AwaitingAgent(ticket.connectionId(), scheduleAgentTimeout());
        OpenRequest request = OpenRequest.newBuilder()
                .setEndpointId(agentEndpoint.id())
                .setConnectionId(ticket.connectionId())
                .setToken(ticket.token())
                .setClientAddress(SocketAddresses.format(client.remoteAddress()))
                .setServerAddress(SocketAddresses.format(client.localAddress()))
                .setDataAddress(dataAddress)
                .setLinkAccepted(context.agentLinks())
                .build();
        // Nothing here waits for the bridge: only a failure hops back onto this loop.
        Futures.addCallback(context.brokers().open(agentEndpoint.bridgeTarget(), request), new FutureCallback<OpenResponse>() {
            @Override
            public void onSuccess(OpenResponse response) {
                // The agent was told; it dials in, or the timeout ends the wait.
            }

            @Override
            public void onFailure(Throwable t) {
                Status status = Status.fromThrowable(t);
                onClientLoop().execute(() -> openFailed(status));
            }
        }, MoreExecutors.directExecutor());
    }

    private ScheduledFuture<?> scheduleAgentTimeout() {
        return client.eventLoop().schedule(this::agentTimedOut, context.agentDialTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the agent, over its link, to connect this client: a new stream naming the endpoint. On the client's
     * loop; the link's may be another (when the link was just made for this very connection).
     */
    private void openStream(Channel link) {
        state = new AwaitingStream(scheduleAgentTimeout());
        AgentLink.openStream(link, new AnswerHandler()).addListener(opened -> onClientLoop().execute(() -> {
            if (!(state instanceof AwaitingStream awaiting)) {
                if (opened.isSuccess()) {
                    ((Channel) opened.getNow()).close(); // the client left meanwhile
                }
                return;
            }
            if (!opened.isSuccess()) {
                refuse("could not open a stream on the agent's link: " + opened.cause());
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new LinkHeaders.Open(agentEndpoint.id(),
                    SocketAddresses.format(client.remoteAddress()), SocketAddresses.format(client.localAddress()))
                    .toHeaders()));
            // Spliced at once, not after the agent's answer: the client's first bytes follow the request and wait
            // at the agent until its upstream is connected, so the answer is one round trip off their path.
            answerTimeout = awaiting.timeout();
            splice(stream);
        }));
    }

    /** The agent answered the stream this client is spliced to: connected ({@code refusal} null), or why not. */
    private void answered(Http2StreamChannel stream, String refusal) {
        cancelAnswerTimeout();
        if (refusal != null && agentRefusal == null) {
            agentRefusal = refusal;
            countAgentRefusal(refusal);
            stream.close(); // the splice ends and closes the client in order, like the upstream that refused
        }
    }

    private void cancelAnswerTimeout() {
        if (answerTimeout != null) {
            answerTimeout.cancel(false);
            answerTimeout = null;
        }
    }

    private void countAgentRefusal(String why) {
        context.metrics().connectionRefused();
        LOG.debugf("closing client %s of endpoint %s: the agent could not reach its upstream (%s)",
                SocketAddresses.format(client.remoteAddress()), target, why);
    }

    /**
     * The agent's link arrived in answer to this connection's Open, its token checked: it is carried on a stream
     * of that link. Safe from any thread.
     */
    void linkArrived(Channel link) {
        onClientLoop().execute(() -> {
            if (state instanceof AwaitingAgent awaiting) {
                awaiting.timeout().cancel(false);
                openStream(link);
            } // else the client was refused or left meanwhile; the link serves the next ones
        });
    }

    /**
     * The agent's data connection for this client arrived, its token checked. Safe from any thread.
     *
     * @param error the agent's reason if its upstream could not be reached; empty otherwise
     */
    void agentArrived(Channel agent, String error) {
        onClientLoop().execute(() -> {
            if (!(state instanceof AwaitingAgent awaiting)) {
                Transport.abort(agent); // the client was refused or left while the agent dialed
                return;
            }
            awaiting.timeout().cancel(false);
            if (!error.isEmpty()) {
                agentRefused(agent, error);
                return;
            }
            // The agent's connection was accepted on some loop: move it onto the client's, so the splice never
            // hands bytes between threads (each hand-off is a wake-up system call).
            ChannelMoves.moveTo(agent, client.eventLoop(), () -> {
                if (state instanceof AwaitingAgent) {
                    splice(agent);
                } else {
                    Transport.abort(agent); // the client was refused or left meanwhile
                }
            }, failure -> abort("could not move the agent's connection: " + failure));
        });
    }

    /** The agent could not reach its upstream; it sends nothing more: closed like the upstream that refused it. */
    private void agentRefused(Channel agent, String why) {
        state = new Closed("agent: " + why);
        countAgentRefusal(why);
        agent.close();
        client.close();
    }

    /** On the client's loop. Both channels keep their HoldingHandler: join takes over what each held. */
    private void splice(Channel agent) {
        splice = Splice.join(client, agent, this);
        state = new Spliced(splice);
    }

    /** Ends the connection at once with a reset to the client (and to the agent, if spliced). Safe from any thread. */
    void abort(String why) {
        onClientLoop().execute(() -> {
            if (state instanceof Spliced spliced) {
                spliced.splice().abort(new EndpointGone(why));
            } else if (!(state instanceof Closed)) {
                refuse(why);
            }
        });
    }

    private void openFailed(Status status) {
        if (state instanceof AwaitingAgent) {
            refuse("bridge " + agentEndpoint.bridgeId() + " (" + agentEndpoint.bridgeTarget() + ") did not open the connection: "
                    + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription()));
        }
    }

    /** Last in a stream's pipeline until the agent answered; then the splice takes over. */
    private final class AnswerHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2HeadersFrame answer)) {
                ctx.fireChannelRead(msg);
                return;
            }
            ctx.pipeline().remove(this);
            Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
            String refusal = LinkHeaders.refusal(answer.headers());
            onClientLoop().execute(() -> answered(stream, refusal));
        }
    }

    private void agentTimedOut() {
        if (state instanceof Spliced spliced && answerTimeout != null) {
            answerTimeout = null;
            context.metrics().agentDialTimedOut();
            spliced.splice().abort(new EndpointGone("the agent did not answer within "
                    + context.agentDialTimeout().toMillis() + " ms"));
            return;
        }
        if (state instanceof AwaitingAgent || state instanceof AwaitingStream) {
            context.metrics().agentDialTimedOut();
            refuse("the agent did not dial in within " + context.agentDialTimeout().toMillis() + " ms");
        }
    }

    private void refuse(String why) {
        stopAwaiting();
        state = new Closed(why);
        context.metrics().connectionRefused();
        LOG.debugf("refused client %s for %s: %s", SocketAddresses.format(client.remoteAddress()),
                entry == null ? "no endpoint" : entry, why);
        Transport.abort(client);
    }

    private void clientClosed() {
        if (target != null) {
            context.connections().remove(this);
        }
        if (state instanceof AwaitingAgent || state instanceof AwaitingStream) {
            stopAwaiting();
            state = new Closed("client left while awaiting the agent");
        }
        if (!(state instanceof Spliced)) {
            report(); // a spliced connection is over once the agent's side is closed too: see onClosed
        }
    }

    /** Emits the connection's one {@code tcp_connection_closed} event. On the client's loop. */
    private void report() {
        if (reported) {
            return;
        }
        reported = true;
        context.events().connectionClosed(admission, facts, (System.nanoTime() - startNanos) / 1_000_000,
                splice == null ? 0 : splice.bytesAToB(), splice == null ? 0 : splice.bytesBToA(),
                state instanceof Closed closed ? closed.why() : "done");
    }

    /**
     * An agent that dials in after this is closed by the data listener: its id is no longer pending. A stream
     * opened for it is reset, so the agent drops its upstream connection.
     */
    private void stopAwaiting() {
        if (state instanceof AwaitingAgent awaiting) {
            awaiting.timeout().cancel(false);
            context.pending().unregister(awaiting.connectionId(), this);
        } else if (state instanceof AwaitingStream awaiting) {
            awaiting.timeout().cancel(false);
        }
    }

    /** Runs tasks on the client's loop; drops them once the loop is shutting down (its channels close with it). */
    private Executor onClientLoop() {
        EventLoop loop = client.eventLoop();
        return task -> {
            if (loop.inEventLoop()) {
                task.run();
                return;
            }
            try {
                loop.execute(task);
            } catch (RejectedExecutionException stopping) {
                // the edge is stopping
            }
        };
    }

    @Override
    public void onBytes(Splice.Direction direction, int bytes) {
        (direction == Splice.Direction.A_TO_B ? traffic.in() : traffic.out()).add(bytes);
    }

    /** Called on whichever loop closed last (client and agent channels live on different loops). */
    @Override
    public void onClosed(Splice splice, Throwable cause) {
        onClientLoop().execute(() -> {
            cancelAnswerTimeout();
            state = new Closed(cause == null ? (agentRefusal == null ? "done" : "agent: " + agentRefusal)
                    : cause instanceof EndpointGone gone ? gone.getMessage() : cause.toString());
            report();
        });
        if (LOG.isDebugEnabled()) {
            LOG.debugf("connection closed endpoint=%s endpoint_id=%s target_id=%s client=%s bridge=%s agent=%s bytes_in=%d bytes_out=%d cause=%s",
                    entry.url(), entry.id(), target.id(), SocketAddresses.format(client.remoteAddress()), agentEndpoint.bridgeId(),
                    SocketAddresses.format(splice.b().remoteAddress()), splice.bytesAToB(), splice.bytesBToA(),
                    cause == null ? "-" : cause.toString());
        }
    }
}
