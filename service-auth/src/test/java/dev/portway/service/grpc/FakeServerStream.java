package dev.portway.service.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.ArrayList;
import java.util.List;

/** A server stream whose readiness the test controls, recording what was sent. */
final class FakeServerStream<T> extends ServerCallStreamObserver<T> {

    final List<T> sent = new ArrayList<>();
    Throwable error;
    boolean completed;
    boolean ready;
    private Runnable onReady = () -> { };
    private Runnable onCancel = () -> { };

    /** The client read what was buffered: gRPC calls the onReady handler. */
    void becomeReady() {
        ready = true;
        onReady.run();
    }

    void cancel() {
        onCancel.run();
    }

    Status status() {
        return Status.fromThrowable(error);
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
        onReady = handler;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
        onCancel = handler;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void setCompression(String compression) {
    }

    @Override
    public void disableAutoInboundFlowControl() {
    }

    @Override
    public void request(int count) {
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }

    @Override
    public void onNext(T value) {
        sent.add(value);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onCompleted() {
        completed = true;
    }
}
