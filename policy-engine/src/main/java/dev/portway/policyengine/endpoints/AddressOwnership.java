package dev.portway.policyengine.endpoints;

/** Checks that an account reserved an address (the allocator owns addresses; see AllocatorAddressOwnership). */
public interface AddressOwnership {

    /**
     * Returns when {@code account} holds {@code host:port} as a reserved address.
     *
     * @throws EngineException FAILED_PRECONDITION (not reserved, or only ephemeral), PERMISSION_DENIED (another
     *                         account's), UNAVAILABLE (the allocator cannot be asked)
     */
    void checkReserved(String account, String host, int port);
}
