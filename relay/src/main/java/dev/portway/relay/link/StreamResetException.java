package dev.portway.relay.link;

import io.netty.handler.codec.http2.Http2Error;
import java.io.IOException;

/** The peer reset a stream of an {@link AgentLink}: to the splice, what a TCP reset is to a socket. */
public final class StreamResetException extends IOException {

    public StreamResetException(long errorCode) {
        super("stream reset by the other end of the agent link (" + describe(errorCode) + ")");
    }

    private static String describe(long errorCode) {
        Http2Error error = Http2Error.valueOf(errorCode);
        return error == null ? "error " + errorCode : error.name();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an event on the wire, not a bug: the stack says nothing
    }
}
