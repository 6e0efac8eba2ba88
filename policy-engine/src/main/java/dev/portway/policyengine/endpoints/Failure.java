package dev.portway.policyengine.endpoints;

/** Why a request was refused; the caller gets the gRPC status code of the same name. */
public enum Failure {
    INVALID_ARGUMENT,
    ALREADY_EXISTS,
    NOT_FOUND,
    PERMISSION_DENIED,
    FAILED_PRECONDITION,
    UNAVAILABLE
}
