package dev.portway.service.store;

/** The store could not do what was asked (I/O error, corrupt file, locked by another process...). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
