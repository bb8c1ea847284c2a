package org.prune4j.cli;

/** A command's input cannot be used as given; the message says why and how to fix it (exit code 2). */
final class BadInputException extends RuntimeException {

    BadInputException(String message) {
        super(message);
    }
}
