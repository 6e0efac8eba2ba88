package dev.portway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Carries event lines from the event loops to their sink (the {@value EdgeEvents#CATEGORY} logger) on a thread of
 * its own, in batches: an event loop only appends the line to a bounded queue, and the writer thread wakes every
 * {@code interval} and writes out whatever is queued.
 *
 * <p>Why not the log's own async handler: it wakes its thread for every record, and a wake-up plus a write per
 * connection cost the edge ~15% of its CPU per new connection (measured with the benchmark's connection rate). Here
 * an event loop never wakes anyone, and the writer wakes ten times a second, busy or idle.
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

    /** Queues one line; callable from any thread, never blocks. */
    @Override
    public void accept(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped so far because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        long reported = 0;
        while (!closed) {
            LockSupport.parkNanos(this, intervalNanos);
            reported = writeQueued(batch, reported);
        }
        writeQueued(batch, reported);
    }

    private long writeQueued(List<String> batch, long reported) {
        queue.drainTo(batch);
        for (String line : batch) {
            try {
                sink.accept(line);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not write an event line");
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
