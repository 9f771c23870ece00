package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

class S3ObjectUploaderTest {
    /** Records the calls the uploader makes; S3Client's other operations stay unsupported. */
    static final class RecordingS3 implements S3Client {
        final List<String> calls = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        int failPart = -1;

        private byte[] read(RequestBody body) {
            try (var in = body.contentStreamProvider().newStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            calls.add("put " + request.key());
            bodies.add(read(body));
            return PutObjectResponse.builder().build();
        }

        @Override
        public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
            calls.add("create " + request.key());
            return CreateMultipartUploadResponse.builder().uploadId("u1").build();
        }

        @Override
        public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
            if (request.partNumber() == failPart) throw S3Exception.builder().message("part refused").build();
            calls.add("part " + request.partNumber() + " of " + request.uploadId());
            bodies.add(read(body));
            return UploadPartResponse.builder().eTag("e" + request.partNumber()).build();
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
            calls.add("complete " + request.multipartUpload().parts().stream().map(p -> p.partNumber() + "=" + p.eTag()).toList());
            return CompleteMultipartUploadResponse.builder().build();
        }

        @Override
        public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
            calls.add("abort " + request.uploadId());
            return AbortMultipartUploadResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }

    @Test
    void smallFilesArePutWhole() {
        RecordingS3 s3 = new RecordingS3();
        new S3ObjectUploader(s3, "b", 4).upload("k", new byte[] {1, 2, 3, 4});
        assertEquals(List.of("put k"), s3.calls);
    }

    @Test
    void largerFilesGoInPartsOfPartSize() {
        RecordingS3 s3 = new RecordingS3();
        new S3ObjectUploader(s3, "b", 4).upload("k", new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(List.of("create k", "part 1 of u1", "part 2 of u1", "part 3 of u1", "complete [1=e1, 2=e2, 3=e3]"), s3.calls);
        assertArrayEquals(new byte[] {8, 9}, s3.bodies.get(2));
    }

    @Test
    void aFailedPartAbortsTheMultipartUpload() {
        RecordingS3 s3 = new RecordingS3();
        s3.failPart = 2;
        assertThrows(S3Exception.class, () -> new S3ObjectUploader(s3, "b", 4).upload("k", new byte[9]));
        assertEquals(List.of("create k", "part 1 of u1", "abort u1"), s3.calls);
    }

    @Test
    void aStoreThatIsDownFailsTheUploadWithoutTheSecret() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        S3SinkConfig config = new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "1",
                "store.url", "http://127.0.0.1:" + port, "aws.access.key.id", "AKID", "aws.secret.access.key", "very-secret-value",
                S3SinkConfig.EGRESS_LOOPBACK, "true")); // the closed port is on loopback
        try (S3ObjectUploader uploader = new S3ObjectUploader(config)) {
            Exception failed = assertThrows(Exception.class, () -> uploader.upload("k", new byte[] {1}));
            UploadFailedException wrapped = new UploadFailedException("s3://b/k", failed);
            assertFalse(wrapped.getMessage().contains("very-secret-value"), wrapped.getMessage());
        }
    }
}
