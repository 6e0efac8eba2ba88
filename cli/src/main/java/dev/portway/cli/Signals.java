package dev.portway.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM as a request to stop cleanly. The JVM's own handlers would start shutdown
 * and exit 130/143 before the command could unbind and return 0; these replace them. A second
 * signal while stopping quits at once.
 */
final class Signals {

    private Signals() {}

    static void onStopRequest(Runnable stop) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() == 1) {
                        stop.run();
                    } else {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException e) {
                // This platform has no such signal (or the JVM reserves it): the default stays.
            }
        }
    }
}
