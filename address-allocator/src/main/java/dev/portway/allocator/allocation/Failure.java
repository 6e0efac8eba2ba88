package dev.portway.allocator.allocation;

/** Why a request was refused; the caller gets the gRPC status code of the same name. */
public enum Failure {
    INVALID_ARGUMENT,
    OUT_OF_RANGE,
    ALREADY_EXISTS,
    RESOURCE_EXHAUSTED,
    NOT_FOUND,
    PERMISSION_DENIED
}
