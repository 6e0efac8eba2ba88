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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventLogWriterTest {

    @Test
    void shouldWriteEveryLineInOrderOnItsOwnThreadInRecordsOfManyLines() throws Exception {
        // Given a writer that flushes every 10 ms
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger records = new AtomicInteger();
        try (EventLogWriter writer = new EventLogWriter(record -> {
            records.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            written.addAll(List.of(record.split("\n")));
        }, 10_000, Duration.ofMillis(10))) {

            // When 5,000 lines are queued
            IntStream.range(0, 5_000).forEach(i -> writer.accept("line " + i));

            // Then all of them are written, in order, by the writer's thread, several to a record, and none dropped
            Eventually.await("5,000 lines written", () -> written.size() == 5_000);
            assertEquals(IntStream.range(0, 5_000).mapToObj(i -> "line " + i).toList(), List.copyOf(written));
            assertEquals(Set.of("edge-events"), threads);
            assertTrue(records.get() < 5_000, records.get() + " records for 5,000 lines");
            assertEquals(0, writer.dropped());
        }
    }

    @Test
    void shouldDropAndCountLinesInsteadOfWaitingWhenTheQueueIsFull() throws Exception {
        // Given a sink that hangs on its first line, and a queue of 10 lines
        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (EventLogWriter writer = new EventLogWriter(record -> {
            sinkEntered.countDown();
            awaitQuietly(release);
            written.addAll(List.of(record.split("\n")));
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
    void shouldSleepWithoutWakingWhileNoLineComesAndWakeForTheNextOne() throws Exception {
        // Given a writer with a 10 ms batch interval that wrote its first line
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (EventLogWriter writer = new EventLogWriter(record -> written.addAll(List.of(record.split("\n"))), 100,
                Duration.ofMillis(10))) {
            writer.accept("first");
            Eventually.await("first line written", () -> written.size() == 1);

            // When no line comes, then it sleeps until woken (WAITING), not on a timer (TIMED_WAITING)
            Eventually.await("writer asleep without a timeout", () -> writer.threadState() == Thread.State.WAITING);

            // And when the next line comes, it wakes and writes it
            writer.accept("second");
            Eventually.await("second line written", () -> written.size() == 2);
            assertEquals(List.of("first", "second"), List.copyOf(written));
        }
    }

    @Test
    void shouldWriteWhatIsQueuedWhenClosed() {
        // Given a writer that would not flush for an hour, with lines queued
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        EventLogWriter writer = new EventLogWriter(record -> written.addAll(List.of(record.split("\n"))), 100,
                Duration.ofHours(1));
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
