package dev.portway.relay;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * Moves a socket channel onto another event loop, so the two channels of a splice share one thread: a
 * splice across two loops hands every read to the other thread (a wake-up system call each time).
 * A move costs two {@code epoll_ctl} calls and a task hop, once.
 */
public final class ChannelMoves {

    private ChannelMoves() {}

    /**
     * Deregisters {@code channel} and registers it on {@code loop}; runs {@code moved} there, or {@code failed}
     * (on some loop) with the channel closed. The channel keeps its pipeline and what its handlers hold; it
     * must not be reading (it reads nothing while in transit). Runs {@code moved} at once if it is there already.
     */
    public static void moveTo(Channel channel, EventLoop loop, Runnable moved, Consumer<Throwable> failed) {
        if (channel.eventLoop() == loop) {
            moved.run();
            return;
        }
        channel.deregister().addListener(deregistered -> {
            if (!deregistered.isSuccess()) {
                Transport.abort(channel);
                failed.accept(deregistered.cause());
                return;
            }
            loop.register(channel).addListener(registered -> {
                if (registered.isSuccess()) {
                    moved.run();
                } else {
                    channel.unsafe().closeForcibly();
                    failed.accept(registered.cause());
                }
            });
        });
    }
}
