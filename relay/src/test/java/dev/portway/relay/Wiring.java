package dev.portway.relay;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Assumptions;

/**
 * How a test proxy's two channels are placed: which transport, and whether the accepted and the
 * dialled channel share one event loop or live on two (the splice must be right either way).
 */
enum Wiring {
    EPOLL_TWO_LOOPS(true, true),
    EPOLL_ONE_LOOP(true, false),
    NIO_TWO_LOOPS(false, true);

    final boolean epoll;
    final boolean twoLoops;

    Wiring(boolean epoll, boolean twoLoops) {
        this.epoll = epoll;
        this.twoLoops = twoLoops;
    }

    /** A one-thread transport of this wiring's kind; skips the test where epoll cannot load. */
    Transport transport(String name) {
        if (epoll) {
            Assumptions.assumeTrue(Epoll.isAvailable(), "epoll unavailable here");
        }
        Transport transport = Transport.create(name, 1, epoll);
        if (transport.isEpoll() != epoll) {
            transport.close();
            throw new IllegalStateException("asked for epoll=" + epoll + ", got the other");
        }
        return transport;
    }
}
