package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

/** format=PARQUET through the task, with no Hadoop class on the classpath (see the pom's surefire excludes). */
class ParquetFormatTest {
    private static final String TOPIC = "orders";
    private static final long T0710 = Instant.parse("2024-03-05T07:10:00Z").toEpochMilli();
    private static final String HOUR07 = "topics/orders/year=2024/month=03/day=05/hour=07/";
    private static final Schema V1 = SchemaBuilder.struct().name("shop.Order")
            .field("id", Schema.INT64_SCHEMA).field("item", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema V2 = SchemaBuilder.struct().name("shop.Order")
            .field("id", Schema.INT64_SCHEMA).field("qty", Schema.INT32_SCHEMA).build();

    private final InMemoryUploader bucket = new InMemoryUploader();

    private S3SinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("topics", TOPIC, "s3.bucket.name", "b", "format", "PARQUET"));
        props.putAll(overrides);
        S3SinkTask task = new S3SinkTask(new MutableClock(T0710), config -> bucket);
        task.initialize(new FakeSinkTaskContext());
        task.start(props);
        task.open(List.of(new TopicPartition(TOPIC, 0)));
        return task;
    }

    private static SinkRecord record(long offset, Schema schema, Object value) {
        return new SinkRecord(TOPIC, 0, null, null, schema, value, offset, T0710, TimestampType.CREATE_TIME);
    }

    private static Struct v1(long id, String item) {
        return new Struct(V1).put("id", id).put("item", item);
    }

    /**
     * The file's footer (Parquet's thrift FileMetaData). parquet-java's readers build Hadoop's codecs
     * whatever they are given, so the values are read back by another reader, in
     * test/integration/s3-sink-parquet-engine.test.ts; here: a well-formed file, its rows and columns.
     */
    private FileMetaData footer(String key) throws IOException {
        byte[] bytes = bucket.objects.get(key);
        assertEquals("PAR1", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("PAR1", new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII));
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }

    private static List<String> columns(FileMetaData footer) {
        return footer.getSchema().stream().skip(1).map(SchemaElement::getName).toList();
    }

    @Test
    void writesWellFormedParquetFilesWithEveryCodec() throws IOException {
        for (String codec : List.of("none", "gzip", "snappy")) {
            bucket.objects.clear();
            bucket.uploads.clear();
            S3SinkTask task = start(Map.of("flush.size", "2", "parquet.codec", codec));
            task.put(List.of(record(0, V1, v1(1, "apple")), record(1, V1, v1(2, null))));
            String key = HOUR07 + "orders+0+0000000000." + Map.of("none", "", "gzip", "gz.", "snappy", "snappy.").get(codec) + "parquet";
            assertEquals(List.of(key), bucket.uploads);
            FileMetaData footer = footer(key);
            assertEquals(2, footer.getNum_rows(), codec);
            assertEquals(List.of("id", "item"), columns(footer));
            String written = footer.getRow_groups().get(0).getColumns().get(0).getMeta_data().getCodec().name();
            assertEquals(Map.of("none", "UNCOMPRESSED", "gzip", "GZIP", "snappy", "SNAPPY").get(codec), written);
        }
    }

    @Test
    void aChangedSchemaStartsANewFileAndSchemalessRecordsAreADataException() throws IOException {
        S3SinkTask task = start(Map.of("flush.size", "10", "parquet.codec", "none"));
        task.put(List.of(record(0, V1, v1(1, "a")), record(1, V2, new Struct(V2).put("id", 2L).put("qty", 5))));
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.parquet"), bucket.uploads);
        assertEquals(1, footer(HOUR07 + "orders+0+0000000000.parquet").getNum_rows());
        DataException e = assertThrows(DataException.class, () -> task.put(List.of(record(2, null, Map.of("id", 3)))));
        assertTrue(e.getMessage().contains("format PARQUET needs records with a value schema"), e.getMessage());
    }

    @Test
    void noHadoopOnTheTestClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
    }
}
