package dev.portway.cli;

import dev.portway.agent.TcpUrl;
import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.AgentSessionServiceGrpc;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.BridgeMessage;
import dev.portway.api.v1.Endpoint;
import dev.portway.api.v1.Error;
import dev.portway.api.v1.Heartbeat;
import dev.portway.api.v1.SessionAccepted;
import dev.portway.api.v1.UnbindRequest;
import dev.portway.api.v1.UnbindResponse;
import dev.portway.policy.IssueMessages;
import dev.portway.policy.EndpointKind;
import dev.portway.policy.PolicyCompiler;
import dev.portway.policy.PolicyFormat;
import dev.portway.policy.Validation;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC AgentSessionService on a loopback port for the {@code portway tcp} tests: it accepts
 * sessions with {@link #AUTHTOKEN} and judges each bind's traffic policy with the real
 * {@code portway-policy} library (agent kind), as the bridge does through the policy-engine: an
 * invalid policy is refused with every error in {@code Error.policy_errors}; an accepted one gets
 * its warnings. No data path: these tests are about binding.
 */
final class InTestBridge implements AutoCloseable {

    static final String AUTHTOKEN = "tok-1";

    final BlockingQueue<BindRequest> binds = new LinkedBlockingQueue<>();
    final BlockingQueue<UnbindRequest> unbinds = new LinkedBlockingQueue<>();

    private final AtomicInteger nextEndpoint = new AtomicInteger();
    private final Server server;

    InTestBridge() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new SessionService())
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    BindRequest nextBind() throws InterruptedException {
        BindRequest bind = binds.poll(10, TimeUnit.SECONDS);
        if (bind == null) {
            throw new AssertionError("expected a bind request within 10 s; none came");
        }
        return bind;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private BindResponse bind(BindRequest request) {
        BindResponse.Builder response = BindResponse.newBuilder().setRequestId(request.getRequestId());
        Validation validation = PolicyCompiler.validate(request.getTrafficPolicy(), PolicyFormat.AUTO,
                EndpointKind.AGENT);
        if (!validation.valid()) {
            return response.setError(Error.newBuilder()
                            .setCode("INVALID_ARGUMENT")
                            .setField("traffic_policy")
                            .setMessage("traffic_policy is not valid:\n" + validation.describeErrors())
                            .addAllPolicyErrors(IssueMessages.of(validation.errors())))
                    .build();
        }
        String url = TcpUrl.isEphemeral(request.getUrl()) ? "tcp://localhost:21234" : request.getUrl();
        String hostPort = url.substring(TcpUrl.SCHEME.length());
        return response
                .setEndpoint(Endpoint.newBuilder()
                        .setId("ep-" + nextEndpoint.incrementAndGet())
                        .setUrl(url)
                        .setHost(hostPort.substring(0, hostPort.lastIndexOf(':')))
                        .setPort(Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)))
                        .setInternal(TcpUrl.isInternal(url))
                        .setEphemeral(TcpUrl.isEphemeral(request.getUrl()))
                        .setAccount("acme")
                        .setTrafficPolicy(request.getTrafficPolicy()))
                .addAllPolicyWarnings(IssueMessages.of(validation.warnings()))
                .build();
    }

    private final class SessionService extends AgentSessionServiceGrpc.AgentSessionServiceImplBase {
        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<BridgeMessage> out) {
            return new StreamObserver<>() {
                private boolean accepted;

                @Override
                public synchronized void onNext(AgentMessage message) {
                    if (!accepted) {
                        if (!message.hasHello() || !AUTHTOKEN.equals(message.getHello().getAuthtoken())) {
                            out.onError(Status.UNAUTHENTICATED.withDescription("authtoken not recognised")
                                    .asRuntimeException());
                            return;
                        }
                        accepted = true;
                        out.onNext(BridgeMessage.newBuilder()
                                .setAccepted(SessionAccepted.newBuilder()
                                        .setSessionId("s1")
                                        .setAccount("acme")
                                        .setBridgeId("in-test-bridge")
                                        .setHeartbeatIntervalMillis(60_000)
                                        .setHeartbeatTimeoutMillis(120_000))
                                .build());
                        return;
                    }
                    switch (message.getMessageCase()) {
                        case BIND -> {
                            binds.add(message.getBind());
                            out.onNext(BridgeMessage.newBuilder().setBindResponse(bind(message.getBind())).build());
                        }
                        case UNBIND -> {
                            unbinds.add(message.getUnbind());
                            out.onNext(BridgeMessage.newBuilder()
                                    .setUnbindResponse(UnbindResponse.newBuilder()
                                            .setRequestId(message.getUnbind().getRequestId()))
                                    .build());
                        }
                        case HEARTBEAT -> out.onNext(BridgeMessage.newBuilder()
                                .setHeartbeat(Heartbeat.newBuilder().setSentAtUnixNanos(System.nanoTime()))
                                .build());
                        default -> { }
                    }
                }

                @Override
                public void onError(Throwable error) {
                    // The agent went away.
                }

                @Override
                public synchronized void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }
}
