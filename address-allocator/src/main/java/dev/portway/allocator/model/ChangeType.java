package dev.portway.allocator.model;

/** What happened to an address at a revision. */
public enum ChangeType {
    /** The address was reserved; its host:port is taken. */
    RESERVED,
    /** The address was released (explicitly or because its lease ran out); its host:port is free again. */
    RELEASED
}
