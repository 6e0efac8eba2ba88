package dev.portway.bridge.session;

/** Where an agent session is in its life. */
sealed interface SessionState {

    /** The stream is open; the agent has not said hello yet. */
    record AwaitingHello() implements SessionState {}

    /** Authenticated; binds and connections are served. */
    record Active(String account) implements SessionState {}

    /** Over; {@code reason} says why (logged, and sent to the agent when it is still there). */
    record Closed(String reason) implements SessionState {}
}
