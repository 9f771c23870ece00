package dev.cirrus.connect.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.cirrus.connect.egress.EgressGuard;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** One PutObject per finished file, or a multipart upload for a file larger than s3.part.size. */
public final class S3ObjectUploader implements ObjectUploader {
    private final S3Client client;
    private final String bucket;
    private final int partSize;

    S3ObjectUploader(S3Client client, String bucket, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    public S3ObjectUploader(S3SinkConfig config) {
        this(client(config), config.bucket(), config.partSize());
    }

    private static S3Client client(S3SinkConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyleAccess());
        if (!config.storeUrl().isEmpty()) {
            // S3-compatible stores often reject the SDK's newer default trailing checksums; send them
            // only where the operation requires one. The control plane validated store.url's address
            // once; the interceptor checks it again at each request, so a name that later resolves
            // elsewhere (DNS rebinding) is refused. AWS's own endpoints (no store.url) are not user hosts.
            EgressGuard guard = new EgressGuard(config.egressLoopback());
            builder.endpointOverride(URI.create(config.storeUrl()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new EgressInterceptor(guard)));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3SinkConfig config) {
        if (config.accessKeyId().isEmpty()) return DefaultCredentialsProvider.builder().build();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
    }

    @Override
    public void upload(String key, byte[] content) {
        if (content.length <= partSize) {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) content.length).build(),
                    RequestBody.fromBytes(content));
            return;
        }
        String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int offset = 0; offset < content.length; offset += partSize) {
                int partNumber = parts.size() + 1;
                byte[] part = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + partSize));
                String eTag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) part.length), RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            // An unfinished multipart upload is billed storage until aborted.
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
