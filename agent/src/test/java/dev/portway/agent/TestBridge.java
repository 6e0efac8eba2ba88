package dev.portway.agent;

import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.AgentSessionServiceGrpc;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.BridgeMessage;
import dev.portway.api.v1.ConnectionFailed;
import dev.portway.api.v1.DataPreamble;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.Error;
import dev.portway.api.v1.Heartbeat;
import dev.portway.api.v1.OpenConnection;
import dev.portway.api.v1.PolicyIssue;
import dev.portway.api.v1.SessionAccepted;
import dev.portway.api.v1.UnbindRequest;
import dev.portway.api.v1.UnbindResponse;
import dev.portway.relay.PreambleDecoder;
import dev.portway.relay.Transport;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Plays the bridge's part of the protocol for agent tests: a real gRPC server for {@code
 * AgentSessionService.Connect} and a real TCP data listener that reads the agent's preamble with the
 * relay's {@link PreambleDecoder}, as the real bridge does. Tests steer it through its public fields
 * and read what the agent sent from its queues.
 */
final class TestBridge implements AutoCloseable {

    static final String AUTHTOKEN = "test-authtoken";
    static final long WAIT_SECONDS = 10;

    /** The heartbeat settings sent in {@code accepted}. */
    volatile int heartbeatIntervalMillis = 60_000;
    volatile int heartbeatTimeoutMillis = 120_000;
    /** Whether the bridge answers the agent's heartbeats (a dead bridge does not). */
    volatile boolean answerHeartbeats = true;
    /** Answers each bind; the default grants every URL and hands out ephemeral ports from 21234. */
    volatile BiFunction<Session, BindRequest, BindResponse> binder = this::grant;

    final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<BindRequest> binds = new LinkedBlockingQueue<>();
    final BlockingQueue<UnbindRequest> unbinds = new LinkedBlockingQueue<>();
    final BlockingQueue<Heartbeat> heartbeats = new LinkedBlockingQueue<>();
    final BlockingQueue<ConnectionFailed> connectionFailures = new LinkedBlockingQueue<>();
    final BlockingQueue<DataConnection> dataConnections = new LinkedBlockingQueue<>();
    final AtomicInteger connectCalls = new AtomicInteger();

    private final AtomicInteger nextSession = new AtomicInteger();
    private final AtomicInteger nextEndpoint = new AtomicInteger();
    private final AtomicInteger nextEphemeralPort = new AtomicInteger(21234);
    private final Server server;
    private final Transport transport;
    private final Channel dataListener;

    TestBridge() throws IOException {
        this(0);
    }

    /** @param port the gRPC port, 0 for any */
    TestBridge(int port) throws IOException {
        transport = Transport.create("test-bridge-data", 1);
        dataListener = transport.bind(new InetSocketAddress("127.0.0.1", 0), new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new PreambleDecoder(5_000), new DataHandler());
            }
        }, false).syncUninterruptibly().channel();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(new SessionService())
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    int dataPort() {
        return ((InetSocketAddress) dataListener.localAddress()).getPort();
    }

    Session nextSession() throws InterruptedException {
        return take(sessions, "an accepted session");
    }

    BindRequest nextBind() throws InterruptedException {
        return take(binds, "a bind request");
    }

    static <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("expected " + what + " within " + WAIT_SECONDS + " s; none came");
        }
        return item;
    }

    /** Grants the URL asked for; {@code tcp://} gets a new port on localhost. */
    BindResponse grant(Session session, BindRequest request) {
        String url = request.getUrl();
        String host = "localhost";
        int port;
        if (TcpUrl.isEphemeral(url)) {
            port = nextEphemeralPort.getAndIncrement();
            url = "tcp://localhost:" + port;
        } else {
            host = url.substring(TcpUrl.SCHEME.length(), url.lastIndexOf(':'));
            port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        }
        return BindResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .setEndpoint(Endpoint.newBuilder()
                        .setId("ep-" + nextEndpoint.incrementAndGet())
                        .setUrl(url)
                        .setHost(host)
                        .setPort(port)
                        .setInternal(TcpUrl.isInternal(url))
                        .setAccount("acme")
                        .setEphemeral(TcpUrl.isEphemeral(request.getUrl()))
                        .setBridgeId("test-bridge")
                        .setSessionId(session.id)
                        .setDescription(request.getDescription())
                        .putAllMetadata(request.getMetadataMap())
                        .setUpstreamUrl(request.getUpstreamUrl())
                        .setTrafficPolicy(request.getTrafficPolicy()))
                .build();
    }

    /** Grants the bind as {@link #grant} does, with {@code warnings} about its traffic policy. */
    BindResponse grantWithWarnings(Session session, BindRequest request, List<PolicyIssue> warnings) {
        return grant(session, request).toBuilder().addAllPolicyWarnings(warnings).build();
    }

    static BindResponse refuse(BindRequest request, String code, String field, String message) {
        return BindResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .setError(Error.newBuilder().setCode(code).setField(field).setMessage(message))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        dataListener.close().syncUninterruptibly();
        transport.close();
    }

    /** One agent session the bridge accepted. */
    final class Session {
        final String id;
        private final StreamObserver<BridgeMessage> out;
        private boolean closed;

        Session(String id, StreamObserver<BridgeMessage> out) {
            this.id = id;
            this.out = out;
        }

        synchronized void send(BridgeMessage message) {
            if (!closed) {
                out.onNext(message);
            }
        }

        /** Ends the call as a crashing or restarting bridge would. */
        synchronized void drop() {
            if (!closed) {
                closed = true;
                out.onError(Status.UNAVAILABLE.withDescription("bridge restarting").asRuntimeException());
            }
        }

        void openConnection(String connectionId, String endpointId, String token) {
            send(BridgeMessage.newBuilder()
                    .setOpenConnection(OpenConnection.newBuilder()
                            .setConnectionId(connectionId)
                            .setEndpointId(endpointId)
                            .setToken(token)
                            .setClientAddress("1.2.3.4:5555")
                            .setServerAddress("127.0.0.1:21234")
                            // The test bridge's data listener plays the edge the agent dials.
                            .setDataAddress("127.0.0.1:" + dataPort()))
                    .build());
        }

        private synchronized void refuse(Status status) {
            closed = true;
            out.onError(status.asRuntimeException());
        }

        private synchronized void finish() {
            if (!closed) {
                closed = true;
                out.onCompleted();
            }
        }
    }

    private final class SessionService extends AgentSessionServiceGrpc.AgentSessionServiceImplBase {
        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<BridgeMessage> out) {
            connectCalls.incrementAndGet();
            return new StreamObserver<>() {
                private Session session;

                @Override
                public void onNext(AgentMessage message) {
                    if (session == null) {
                        hello(message);
                        return;
                    }
                    switch (message.getMessageCase()) {
                        case BIND -> {
                            binds.add(message.getBind());
                            BindResponse response = binder.apply(session, message.getBind());
                            if (response != null) {
                                session.send(BridgeMessage.newBuilder().setBindResponse(response).build());
                            }
                        }
                        case UNBIND -> {
                            unbinds.add(message.getUnbind());
                            session.send(BridgeMessage.newBuilder()
                                    .setUnbindResponse(UnbindResponse.newBuilder()
                                            .setRequestId(message.getUnbind().getRequestId()))
                                    .build());
                        }
                        case HEARTBEAT -> {
                            heartbeats.add(message.getHeartbeat());
                            if (answerHeartbeats) {
                                session.send(BridgeMessage.newBuilder()
                                        .setHeartbeat(Heartbeat.newBuilder().setSentAtUnixNanos(System.nanoTime()))
                                        .build());
                            }
                        }
                        case CONNECTION_FAILED -> connectionFailures.add(message.getConnectionFailed());
                        default -> { }
                    }
                }

                private void hello(AgentMessage message) {
                    Session candidate = new Session("s" + nextSession.incrementAndGet(), out);
                    if (!message.hasHello() || !AUTHTOKEN.equals(message.getHello().getAuthtoken())) {
                        candidate.refuse(Status.UNAUTHENTICATED.withDescription("authtoken not recognised"));
                        return;
                    }
                    session = candidate;
                    session.send(BridgeMessage.newBuilder()
                            .setAccepted(SessionAccepted.newBuilder()
                                    .setSessionId(session.id)
                                    .setAccount("acme")
                                    .setBridgeId("test-bridge")
                                    .setHeartbeatIntervalMillis(heartbeatIntervalMillis)
                                    .setHeartbeatTimeoutMillis(heartbeatTimeoutMillis))
                            .build());
                    sessions.add(session);
                }

                @Override
                public void onError(Throwable error) {
                    // The agent went away.
                }

                @Override
                public void onCompleted() {
                    if (session != null) {
                        session.finish();
                    }
                }
            };
        }
    }

    /** A data connection the agent dialed back, after its preamble. */
    static final class DataConnection {
        final DataPreamble preamble;
        final Channel channel;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        DataConnection(DataPreamble preamble, Channel channel) {
            this.preamble = preamble;
            this.channel = channel;
        }

        void write(String text) {
            channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).syncUninterruptibly();
        }

        /** Waits for {@code length} bytes (bounded by {@link #WAIT_SECONDS}) and returns them as text. */
        String read(int length) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            synchronized (received) {
                while (received.size() < length) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("expected " + length + " bytes on the data connection, got "
                                + received.size() + ": '" + received.toString(StandardCharsets.UTF_8) + "'");
                    }
                    TimeUnit.NANOSECONDS.timedWait(received, left);
                }
                byte[] all = received.toByteArray();
                received.reset();
                received.write(all, length, all.length - length);
                return new String(all, 0, length, StandardCharsets.UTF_8);
            }
        }

        private void append(ByteBuf buf) {
            synchronized (received) {
                received.writeBytes(ByteBufUtil.getBytes(buf));
                received.notifyAll();
            }
        }
    }

    /** After the decoder: the preamble, then the client-bound bytes. */
    private final class DataHandler extends ChannelInboundHandlerAdapter {
        private DataConnection connection;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof DataPreamble preamble) {
                    connection = new DataConnection(preamble, ctx.channel());
                    dataConnections.add(connection);
                    ctx.channel().config().setAutoRead(true); // the decoder switched it off
                } else if (msg instanceof ByteBuf buf && connection != null) {
                    connection.append(buf);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
