package dev.portway.allocator.model;

/** How long an address is held: until released, or only while its lease keeps being renewed. */
public enum AddressKind {
    RESERVED,
    EPHEMERAL
}
