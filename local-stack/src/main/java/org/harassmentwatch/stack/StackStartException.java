package org.harassmentwatch.stack;

/**
 * A service of the local stack could not be started. The message is one line that says why (port taken, java
 * missing, the reason found in the service's log) and where to look for more.
 */
public final class StackStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
