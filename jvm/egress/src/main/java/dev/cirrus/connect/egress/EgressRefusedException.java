package dev.cirrus.connect.egress;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A request was refused by EgressGuard. Its own type, so that a connector whose client wraps it
 * (the AWS SDK does) can find it and fail the task, instead of retrying it as a network error or
 * dropping the records as a bad batch.
 */
public final class EgressRefusedException extends ConnectException {
    public EgressRefusedException(String message) {
        super(message);
    }

    /** The refusal among `e` and its causes, or null when there is none. */
    public static EgressRefusedException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EgressRefusedException refused) return refused;
            if (t.getCause() == t) break;
        }
        return null;
    }
}
