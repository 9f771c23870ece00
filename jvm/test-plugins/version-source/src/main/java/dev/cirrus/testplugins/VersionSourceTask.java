package dev.cirrus.testplugins;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Writes one report per interval: library, version, jar and a sequence number from 1. */
public class VersionSourceTask extends SourceTask {
    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.cirrus.testplugins.LoadedLibrary")
            .field("library", Schema.STRING_SCHEMA)
            .field("version", Schema.STRING_SCHEMA)
            .field("jar", Schema.STRING_SCHEMA)
            .field("seq", Schema.INT64_SCHEMA)
            .build();
    private static final Map<String, String> PARTITION = Map.of("plugin", "version-source");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private String topic;
    private long intervalMs;
    private long seq;

    @Override
    public String version() {
        return BundledLibrary.version();
    }

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(VersionSourceConnector.CONFIG_DEF, props);
        topic = config.getString(VersionSourceConnector.TOPIC);
        intervalMs = config.getLong(VersionSourceConnector.INTERVAL_MS);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (seq > 0 && stopped.await(intervalMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        seq++;
        Struct value = new Struct(VALUE_SCHEMA)
                .put("library", BundledLibrary.NAME)
                .put("version", BundledLibrary.version())
                .put("jar", BundledLibrary.jar())
                .put("seq", seq);
        return List.of(new SourceRecord(PARTITION, Map.of("seq", seq), topic, null,
                Schema.STRING_SCHEMA, BundledLibrary.NAME, VALUE_SCHEMA, value));
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
