package dev.portway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventLogWriterTest {

    @Test
    void shouldWriteEveryLineInOrderOnItsOwnThread() throws Exception {
        // Given a writer that flushes every 10 ms
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (EventLogWriter writer = new EventLogWriter(line -> {
            threads.add(Thread.currentThread().getName());
            written.add(line);
        }, 10_000, Duration.ofMillis(10))) {

            // When 5,000 lines are queued
            IntStream.range(0, 5_000).forEach(i -> writer.accept("line " + i));

            // Then all of them are written, in order, by the writer's thread, and none dropped
            Eventually.await("5,000 lines written", () -> written.size() == 5_000);
            assertEquals(IntStream.range(0, 5_000).mapToObj(i -> "line " + i).toList(), List.copyOf(written));
            assertEquals(Set.of("edge-events"), threads);
            assertEquals(0, writer.dropped());
        }
    }

    @Test
    void shouldDropAndCountLinesInsteadOfWaitingWhenTheQueueIsFull() throws Exception {
        // Given a sink that hangs on its first line, and a queue of 10 lines
        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (EventLogWriter writer = new EventLogWriter(line -> {
            sinkEntered.countDown();
            awaitQuietly(release);
            written.add(line);
        }, 10, Duration.ofMillis(10))) {
            writer.accept("first");
            assertTrue(sinkEntered.await(10, TimeUnit.SECONDS), "the writer took the first line");

            // When 15 more lines come while the sink hangs
            long start = System.nanoTime();
            IntStream.range(0, 15).forEach(i -> writer.accept("more " + i));

            // Then the caller was not held up, 10 are queued and 5 dropped and counted
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "accept never waits for the sink");
            assertEquals(5, writer.dropped());

            // And once the sink recovers, the queued ones are written in order
            release.countDown();
            Eventually.await("11 lines written", () -> written.size() == 11);
            List<String> expected = new ArrayList<>(List.of("first"));
            IntStream.range(0, 10).forEach(i -> expected.add("more " + i));
            assertEquals(expected, List.copyOf(written));
        }
    }

    @Test
    void shouldWriteWhatIsQueuedWhenClosed() {
        // Given a writer that would not flush for an hour, with lines queued
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        EventLogWriter writer = new EventLogWriter(written::add, 100, Duration.ofHours(1));
        writer.accept("a");
        writer.accept("b");

        // When it is closed
        writer.close();

        // Then the queued lines were written before close returned
        assertEquals(List.of("a", "b"), List.copyOf(written));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
