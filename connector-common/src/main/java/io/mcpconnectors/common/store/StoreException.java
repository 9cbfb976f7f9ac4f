package io.mcpconnectors.common.store;

/** The store could not be read or written; the message is safe to show (no credentials, no stack trace). */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
