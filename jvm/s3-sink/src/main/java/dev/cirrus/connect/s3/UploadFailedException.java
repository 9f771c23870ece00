package dev.cirrus.connect.s3;

/** An object could not be uploaded; the task decides whether Connect retries. */
public final class UploadFailedException extends RuntimeException {
    private final String key;

    public UploadFailedException(String key, Throwable cause) {
        super("upload of " + key + " failed: " + cause.getMessage(), cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
