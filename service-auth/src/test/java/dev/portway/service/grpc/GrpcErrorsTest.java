package dev.portway.service.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class GrpcErrorsTest {

    private final GrpcErrors errors = new GrpcErrors("the test service");

    @Test
    void shouldAnswerARefusalWithItsOwnCodeAndMessage() {
        // When
        Status status = errors.toStatus(new RefusedException(Status.Code.OUT_OF_RANGE, "port 80 is outside"))
                .getStatus();

        // Then
        assertEquals(Status.Code.OUT_OF_RANGE, status.getCode());
        assertEquals("port 80 is outside", status.getDescription());
    }

    @Test
    void shouldPassAStatusOnAsItIs() {
        StatusRuntimeException status = Status.NOT_FOUND.withDescription("gone").asRuntimeException();
        assertSame(status, errors.toStatus(status));
    }

    @Test
    void shouldAnswerUnavailableNamingTheServiceWhenItsQueueIsFull() {
        Status status = errors.toStatus(new RejectedExecutionException("queue full")).getStatus();
        assertEquals(Status.Code.UNAVAILABLE, status.getCode());
        assertEquals("the test service is overloaded; retry with backoff", status.getDescription());
    }

    @Test
    void shouldKeepTheDetailsOfAnUnexpectedFailureOutOfTheAnswer() {
        // When
        Status status = errors.toStatus(new IllegalStateException("secret detail")).getStatus();

        // Then
        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertEquals("the test service failed to handle the request; see its logs", status.getDescription());
    }
}
