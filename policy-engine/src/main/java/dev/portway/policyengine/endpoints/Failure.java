package dev.portway.policyengine.endpoints;

/** Why a request was refused; the gRPC layer maps each to the status code of the same name. */
public enum Failure {
    INVALID_ARGUMENT,
    ALREADY_EXISTS,
    NOT_FOUND,
    PERMISSION_DENIED,
    FAILED_PRECONDITION,
    UNAVAILABLE
}
