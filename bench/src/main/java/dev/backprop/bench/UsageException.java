package dev.backprop.bench;

/** A mistake on the command line: printed as one line with the fix, exit code 2, no stack trace. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
