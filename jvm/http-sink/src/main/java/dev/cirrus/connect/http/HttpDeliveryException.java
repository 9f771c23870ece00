package dev.cirrus.connect.http;

import org.apache.kafka.connect.errors.ConnectException;

/** A request that failed for good. Its message names the status and a short part of the response, never a secret. */
public class HttpDeliveryException extends ConnectException {
    private final int status;

    HttpDeliveryException(String message, int status) {
        super(message);
        this.status = status;
    }

    HttpDeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The last response's status, or -1 when there was none (connection error, timeout). */
    public int status() {
        return status;
    }
}
