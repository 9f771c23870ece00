package dev.cirrus.connect.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet's page codecs without Hadoop: parquet-hadoop's own CodecFactory is built on Hadoop's
 * compression classes, so the writer is given this one (compressors only). GZIP is the JDK's; SNAPPY is snappy-java's
 * raw format, as Hadoop's SnappyCodec writes Parquet pages.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> bytes;
                    case GZIP -> BytesInput.from(gzip(bytes.toByteArray()));
                    case SNAPPY -> BytesInput.from(Snappy.compress(bytes.toByteArray()));
                    default -> throw new IllegalArgumentException("unsupported Parquet codec " + codec);
                };
            }

            @Override
            public CompressionCodecName getCodecName() { return codec; }

            @Override
            public void release() { }
        };
    }

    /** The sink only writes (and parquet-java's readers would not take this factory without Hadoop anyway). */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("the S3 sink does not read Parquet");
    }

    @Override
    public void release() { }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
