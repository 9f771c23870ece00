package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** format=AVRO through the task: objects read back with Avro's own DataFileReader. */
class AvroFormatTest {
    private static final String TOPIC = "orders";
    private static final long T0710 = Instant.parse("2024-03-05T07:10:00Z").toEpochMilli();
    private static final String HOUR07 = "topics/orders/year=2024/month=03/day=05/hour=07/";
    private static final Schema V1 = SchemaBuilder.struct().name("shop.Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("item", Schema.OPTIONAL_STRING_SCHEMA)
            .field("price", Decimal.schema(2))
            .field("at", Timestamp.SCHEMA)
            .build();
    private static final Schema V2 = SchemaBuilder.struct().name("shop.Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA)
            .build();

    private final InMemoryUploader bucket = new InMemoryUploader();
    private final FakeSinkTaskContext context = new FakeSinkTaskContext();

    private S3SinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("topics", TOPIC, "s3.bucket.name", "b", "format", "AVRO"));
        props.putAll(overrides);
        S3SinkTask task = new S3SinkTask(new MutableClock(T0710), config -> bucket);
        task.initialize(context);
        task.start(props);
        task.open(List.of(new TopicPartition(TOPIC, 0)));
        return task;
    }

    private static SinkRecord record(long offset, Schema schema, Object value) {
        return new SinkRecord(TOPIC, 0, null, null, schema, value, offset, T0710, TimestampType.CREATE_TIME);
    }

    private static Struct v1(long id, String item) {
        return new Struct(V1).put("id", id).put("item", item).put("price", new BigDecimal("12.34"))
                .put("at", new java.util.Date(T0710));
    }

    private List<GenericRecord> read(String key) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(
                new SeekableByteArrayInput(bucket.objects.get(key)), new GenericDatumReader<>())) {
            for (GenericRecord r : reader) records.add(r);
        }
        return records;
    }

    @Test
    void writesAContainerFileWhoseRecordsHoldTheValues() throws IOException {
        S3SinkTask task = start(Map.of("flush.size", "2"));
        task.put(List.of(record(0, V1, v1(1, "apple")), record(1, V1, v1(2, null))));
        String key = HOUR07 + "orders+0+0000000000.avro";
        assertEquals(List.of(key), bucket.uploads);
        List<GenericRecord> records = read(key);
        assertEquals(2, records.size());
        GenericRecord first = records.get(0);
        assertEquals("shop.Order", first.getSchema().getFullName());
        assertEquals(1L, first.get("id"));
        assertEquals("apple", first.get("item").toString());
        assertEquals(ByteBuffer.wrap(new BigDecimal("12.34").unscaledValue().toByteArray()), first.get("price"));
        assertEquals("decimal", first.getSchema().getField("price").schema().getLogicalType().getName());
        assertEquals(T0710, first.get("at"));
        assertEquals(null, records.get(1).get("item"));
    }

    @Test
    void aChangedSchemaStartsANewObject() throws IOException {
        S3SinkTask task = start(Map.of("flush.size", "10"));
        Struct second = new Struct(V2).put("id", 3L).put("qty", 7);
        task.put(List.of(record(0, V1, v1(1, "a")), record(1, V1, v1(2, "b")), record(2, V2, second)));
        // A schema equal to V2 but another instance is no change.
        Schema v2Copy = SchemaBuilder.struct().name("shop.Order").field("id", Schema.INT64_SCHEMA)
                .field("qty", Schema.INT32_SCHEMA).build();
        task.put(List.of(record(3, v2Copy, new Struct(v2Copy).put("id", 4L).put("qty", 8))));
        assertEquals(List.of(HOUR07 + "orders+0+0000000000.avro"), bucket.uploads, "V1's file closed by V2");
        assertEquals(2, read(HOUR07 + "orders+0+0000000000.avro").size());
        assertEquals(2, task.bufferedRecords(new TopicPartition(TOPIC, 0)));
    }

    @Test
    void everyCodecAndPrimitiveValues() throws IOException {
        for (String codec : List.of("null", "deflate", "snappy")) {
            bucket.objects.clear();
            S3SinkTask task = start(Map.of("flush.size", "2", "avro.codec", codec));
            task.put(List.of(record(0, Schema.STRING_SCHEMA, "x"), record(1, Schema.STRING_SCHEMA, "y")));
            String key = HOUR07 + "orders+0+0000000000.avro";
            try (DataFileReader<Object> reader = new DataFileReader<>(
                    new SeekableByteArrayInput(bucket.objects.get(key)), new GenericDatumReader<>())) {
                assertEquals(codec, reader.getMetaString("avro.codec"));
                assertEquals("x", reader.next().toString());
                assertEquals("y", reader.next().toString());
            }
        }
    }

    @Test
    void schemalessRecordsAreADataExceptionAndLeaveTheOpenObjectIntact() throws IOException {
        S3SinkTask task = start(Map.of("flush.size", "2"));
        task.put(List.of(record(0, V1, v1(1, "a"))));
        DataException e = assertThrows(DataException.class, () -> task.put(List.of(record(1, null, Map.of("id", 2)))));
        assertTrue(e.getMessage().contains("needs records with a value schema"), e.getMessage());
        task.put(List.of(record(2, V1, v1(3, "c"))));
        assertEquals(List.of(1L, 3L), read(HOUR07 + "orders+0+0000000000.avro").stream().map(r -> r.get("id")).toList());
    }

    @Test
    void withAReporterSchemalessRecordsGoToItAndTheirOffsetsAreCommitted() throws IOException {
        List<SinkRecord> reported = new ArrayList<>();
        context.reporter = (record, error) -> {
            reported.add(record);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        };
        S3SinkTask task = start(Map.of("flush.size", "2"));
        task.put(List.of(record(0, V1, v1(1, "a")), record(1, null, Map.of("id", 2)), record(2, V1, v1(3, "c")),
                record(3, null, "tail")));
        assertEquals(List.of(1L, 3L), reported.stream().map(SinkRecord::kafkaOffset).toList());
        assertEquals(List.of(1L, 3L), read(HOUR07 + "orders+0+0000000000.avro").stream().map(r -> r.get("id")).toList());
        assertEquals(Map.of(new TopicPartition(TOPIC, 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(4)),
                task.preCommit(new HashMap<>()));
    }

    @Test
    void anUnknownCodecIsAConfigError() {
        assertThrows(org.apache.kafka.common.config.ConfigException.class,
                () -> new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "1", "avro.codec", "bzip2")));
    }
}
