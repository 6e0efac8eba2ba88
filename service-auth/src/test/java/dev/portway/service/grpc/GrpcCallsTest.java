package dev.portway.service.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcCallsTest {

    /** How many calls fit: the running ones and the bounded queue (see ServiceExecutors). */
    private static final int CAPACITY = 4 + 1024;

    private final GrpcCalls calls = new GrpcCalls("grpc-calls-test", "the test service");

    @AfterEach
    void close() {
        calls.close();
    }

    /** Records how a call completed. */
    private static final class Completion<T> implements StreamObserver<T> {
        final CompletableFuture<List<T>> done = new CompletableFuture<>();
        private final List<T> values = new ArrayList<>();

        @Override
        public void onNext(T value) {
            values.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(values);
        }

        Status status() throws InterruptedException {
            try {
                done.get(30, TimeUnit.SECONDS);
                return Status.OK;
            } catch (java.util.concurrent.ExecutionException e) {
                return Status.fromThrowable(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the call never completed", e);
            }
        }
    }

    @Test
    void shouldCompleteACallWithItsResultOffTheCallingThread() throws Exception {
        // When
        Completion<String> out = new Completion<>();
        calls.unary(out, () -> Thread.currentThread().getName());

        // Then
        List<String> values = out.done.get(30, TimeUnit.SECONDS);
        assertEquals(1, values.size());
        assertTrue(values.get(0).startsWith("grpc-calls-test-call-"), values.get(0));
    }

    @Test
    void shouldAnswerARefusalWithItsStatusAndMessage() throws Exception {
        // When
        Completion<String> out = new Completion<>();
        calls.unary(out, () -> {
            throw new RefusedException(Status.Code.ALREADY_EXISTS, "taken: pick another");
        });

        // Then
        Status status = out.status();
        assertEquals(Status.Code.ALREADY_EXISTS, status.getCode());
        assertEquals("taken: pick another", status.getDescription());
    }

    @Test
    void shouldAnswerUnavailableAtOnceWhenEveryThreadAndQueueSlotIsTaken() throws Exception {
        // Given every call thread busy and the queue full
        CountDownLatch release = new CountDownLatch(1);
        List<Completion<Boolean>> waiting = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            Completion<Boolean> out = new Completion<>();
            calls.unary(out, () -> release.await(30, TimeUnit.SECONDS));
            waiting.add(out);
        }

        // When one more call comes
        Completion<Boolean> refused = new Completion<>();
        calls.unary(refused, () -> true);

        // Then it is refused without waiting, and the others still complete
        assertTrue(refused.done.isCompletedExceptionally());
        assertEquals(Status.Code.UNAVAILABLE, refused.status().getCode());
        assertEquals("the test service is overloaded; retry with backoff", refused.status().getDescription());
        release.countDown();
        for (Completion<Boolean> out : waiting) {
            assertFalse(out.done.get(30, TimeUnit.SECONDS).isEmpty());
        }
    }
}
