package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ObjectUploaderTest {
    @Test
    void aStoreThatIsDownFailsTheUploadWithoutTheSecret() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        S3SinkConfig config = new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "1",
                "store.url", "http://127.0.0.1:" + port, "aws.access.key.id", "AKID", "aws.secret.access.key", "very-secret-value"));
        try (S3ObjectUploader uploader = new S3ObjectUploader(config)) {
            Exception failed = assertThrows(Exception.class, () -> uploader.upload("k", new byte[] {1}));
            UploadFailedException wrapped = new UploadFailedException("s3://b/k", failed);
            assertFalse(wrapped.getMessage().contains("very-secret-value"), wrapped.getMessage());
        }
    }
}
