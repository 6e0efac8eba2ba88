package dev.portway.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a resource once a deadline passes, so a blocking read on a path that stopped answering
 * ends with an exception instead of hanging the run: every loop of the harness is bounded in time
 * as well as in count.
 */
final class Watchdog implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watchdog");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> task;

    private Watchdog(ScheduledFuture<?> task) {
        this.task = task;
    }

    static Watchdog closeAfter(Closeable resource, long millis) {
        return new Watchdog(TIMER.schedule(() -> {
            try {
                resource.close();
            } catch (IOException ignored) {
                // it is being torn down because it took too long; the reader reports the failure
            }
        }, millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
