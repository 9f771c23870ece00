package dev.cirrus.connect.s3;

import java.net.URI;
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
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** One PutObject per finished file: the files of a flush.size are small enough for it. */
public final class S3ObjectUploader implements ObjectUploader {
    private final S3Client client;
    private final String bucket;

    public S3ObjectUploader(S3SinkConfig config) {
        this.bucket = config.bucket();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyleAccess());
        if (!config.storeUrl().isEmpty()) {
            // S3-compatible stores often reject the SDK's newer default trailing checksums; send them
            // only where the operation requires one.
            builder.endpointOverride(URI.create(config.storeUrl()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.client = builder.build();
    }

    private static AwsCredentialsProvider credentials(S3SinkConfig config) {
        if (config.accessKeyId().isEmpty()) return DefaultCredentialsProvider.builder().build();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
    }

    @Override
    public void upload(String key, byte[] content) {
        client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) content.length).build(),
                RequestBody.fromBytes(content));
    }

    @Override
    public void close() {
        client.close();
    }
}
