package dev.cirrus.connect.s3;

/** Where finished objects go: S3 in production, memory in tests. */
public interface ObjectUploader extends AutoCloseable {
    /** Writes the whole object under `key`, replacing any object of that name. */
    void upload(String key, byte[] content) throws Exception;

    @Override
    default void close() {}
}
