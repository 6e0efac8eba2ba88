package dev.portway.bridge.it;

import dev.portway.api.v1.AgentHello;
import dev.portway.api.v1.AgentMessage;
import dev.portway.api.v1.AgentSessionServiceGrpc;
import dev.portway.api.v1.BindRequest;
import dev.portway.api.v1.BindResponse;
import dev.portway.api.v1.BridgeMessage;
import dev.portway.api.v1.SessionAccepted;
import dev.portway.api.v1.UnbindRequest;
import dev.portway.api.v1.UnbindResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent session driven by hand over the real {@code AgentSessionService.Connect} call: hello,
 * then binds and unbinds answered in order. Heartbeats from the bridge are ignored.
 */
final class AgentClient implements AutoCloseable {

    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<BridgeMessage> received = new LinkedBlockingQueue<>();
    private final AtomicInteger nextRequest = new AtomicInteger();
    private final StreamObserver<AgentMessage> toBridge;
    private final SessionAccepted accepted;
    private boolean closed;

    private AgentClient(Channel channel, String authtoken) throws InterruptedException {
        toBridge = AgentSessionServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(BridgeMessage message) {
                if (!message.hasHeartbeat()) {
                    received.add(message);
                }
            }

            @Override
            public void onError(Throwable error) {
                // The test sees it as a missing answer.
            }

            @Override
            public void onCompleted() {
            }
        });
        toBridge.onNext(AgentMessage.newBuilder()
                .setHello(AgentHello.newBuilder().setAuthtoken(authtoken).setAgentVersion("bridge-test"))
                .build());
        accepted = next().getAccepted();
    }

    /** A session of {@code account}, accepted. */
    static AgentClient connect(Channel channel, String account) throws InterruptedException {
        return new AgentClient(channel, BridgeTestConfig.token(account));
    }

    SessionAccepted accepted() {
        return accepted;
    }

    /** Sends the bind (with a fresh request id) and returns the bridge's answer to it. */
    BindResponse bind(BindRequest.Builder request) throws InterruptedException {
        String id = "bind-" + nextRequest.incrementAndGet();
        toBridge.onNext(AgentMessage.newBuilder().setBind(request.setRequestId(id)).build());
        BindResponse response = next().getBindResponse();
        if (!response.getRequestId().equals(id)) {
            throw new AssertionError("expected the answer to " + id + ", got " + response);
        }
        return response;
    }

    UnbindResponse unbind(String endpointId) throws InterruptedException {
        String id = "unbind-" + nextRequest.incrementAndGet();
        toBridge.onNext(AgentMessage.newBuilder()
                .setUnbind(UnbindRequest.newBuilder().setRequestId(id).setEndpointId(endpointId))
                .build());
        return next().getUnbindResponse();
    }

    private BridgeMessage next() throws InterruptedException {
        BridgeMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the bridge sent nothing within " + WAIT_SECONDS + " s");
        }
        return message;
    }

    /** Ends the session as an agent that closes does. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            toBridge.onCompleted();
        }
    }
}
