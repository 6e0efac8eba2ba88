package dev.portway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Carries event lines from the event loops to their sink (the {@value EdgeEvents#CATEGORY} logger) on a thread of
 * its own, in batches: an event loop only appends the line to a bounded queue; the writer thread, once a line came,
 * lets more gather for one {@code interval} and writes whatever is queued as one record, the lines joined by
 * newlines (one write system call for the batch; with the {@code %s%n} format every line of the output is still one
 * JSON object).
 *
 * <p>Why not the log's own async handler: it wakes its thread for every record, and that wake-up plus a record and
 * a write per connection cost the edge ~50 µs of CPU per new connection (~15%; events on vs off, alternating runs
 * of the benchmark's connection rate). Here a busy edge wakes the writer once per interval, and an edge with no
 * new connections not at all: the writer sleeps until the next line (periodic wake-ups of an idle JVM showed in
 * the round-trip p99 on two cores).
 *
 * <p>When the queue is full (the sink is slower than the events come) a line is dropped and counted, never waited
 * for: the data path does not slow down for its log. The writer reports drops as a warning on its own category and
 * the edge exposes the count ({@code portway_edge_events_dropped_total}). What is queued is written on close.
 */
final class EventLogWriter implements Consumer<String>, AutoCloseable {

    /** Lines held at most: ~25 MiB of heap at ~400 bytes a line, 0.65 s of 100,000 connections a second. */
    static final int CAPACITY = 65_536;
    /** How long a line waits at most (plus the time to write the ones before it). */
    static final Duration INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = Logger.getLogger(EventLogWriter.class);

    private final Consumer<String> sink;
    private final BlockingQueue<String> queue;
    private final long intervalNanos;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    /** The writer sleeps until a line comes: the first line after it set this wakes it. */
    private final AtomicBoolean asleep = new AtomicBoolean();
    private volatile boolean closed;

    /** To the {@value EdgeEvents#CATEGORY} logger, at INFO. */
    static EventLogWriter toLog() {
        Logger log = Logger.getLogger(EdgeEvents.CATEGORY);
        return new EventLogWriter(log::info, CAPACITY, INTERVAL);
    }

    EventLogWriter(Consumer<String> sink, int capacity, Duration interval) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.intervalNanos = interval.toNanos();
        this.writer = new Thread(this::run, "edge-events");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues one line; callable from any thread, never blocks (wakes the writer if it sleeps). */
    @Override
    public void accept(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
            return;
        }
        if (asleep.get() && asleep.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
    }

    /** The writer thread's state: {@code WAITING} while it sleeps until the next line. */
    Thread.State threadState() {
        return writer.getState();
    }

    /** Lines dropped so far because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        long reported = 0;
        while (!closed) {
            LockSupport.parkNanos(this, intervalNanos); // lets a batch gather
            reported = writeQueued(batch, reported);
            if (queue.isEmpty()) {
                asleep.set(true);
                // A line queued between the check above and the flag found no sleeper to wake: look again.
                if (queue.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                asleep.set(false);
            }
        }
        writeQueued(batch, reported);
    }

    private long writeQueued(List<String> batch, long reported) {
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            try {
                // One record (one write) for the batch: a write per line, hundreds in a burst every interval,
                // took a core away from the event loops for a millisecond at a time (seen in connection latency).
                sink.accept(String.join("\n", batch));
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not write %d event lines", batch.size());
            }
        }
        batch.clear();
        long droppedNow = dropped.get();
        if (droppedNow > reported) {
            LOG.warnf("dropped %d event lines: the event log is slower than the events come (%d dropped in all);"
                    + " see portway_edge_events_dropped_total", droppedNow - reported, droppedNow);
        }
        return droppedNow;
    }

    /** Writes what is queued, then stops the writer thread (waits up to 5 s for it). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
