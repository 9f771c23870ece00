package dev.cirrus.testplugins;

import java.util.ArrayList;
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

/** Each round writes one record per probed class, keyed by its name. */
public class ClassProbeSourceTask extends SourceTask {
    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.cirrus.testplugins.ClassProbe")
            .field("class", Schema.STRING_SCHEMA)
            .field("loadable", Schema.BOOLEAN_SCHEMA)
            .field("loader", Schema.OPTIONAL_STRING_SCHEMA)
            .field("error", Schema.OPTIONAL_STRING_SCHEMA)
            .field("round", Schema.INT64_SCHEMA)
            .build();
    private static final Map<String, String> PARTITION = Map.of("plugin", "class-probe");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private String topic;
    private List<String> classes;
    private long intervalMs;
    private long round;

    @Override
    public String version() {
        return ClassProbeSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(ClassProbeSourceConnector.CONFIG_DEF, props);
        topic = config.getString(ClassProbeSourceConnector.TOPIC);
        classes = config.getList(ClassProbeSourceConnector.PROBE_CLASSES);
        intervalMs = config.getLong(ClassProbeSourceConnector.INTERVAL_MS);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (round > 0 && stopped.await(intervalMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        round++;
        List<SourceRecord> records = new ArrayList<>(classes.size());
        for (String name : classes) {
            records.add(new SourceRecord(PARTITION, Map.of("round", round), topic, null,
                    Schema.STRING_SCHEMA, name, VALUE_SCHEMA, probe(name).put("round", round)));
        }
        return records;
    }

    /** Loads as the plugin's own code would: through the class loader that loaded the plugin. */
    static Struct probe(String name) {
        Struct report = new Struct(VALUE_SCHEMA).put("class", name);
        try {
            Class<?> found = Class.forName(name, false, ClassProbeSourceTask.class.getClassLoader());
            ClassLoader loader = found.getClassLoader();
            return report.put("loadable", true).put("loader", loader == null ? "bootstrap" : loader.toString());
        } catch (ClassNotFoundException | LinkageError e) {
            return report.put("loadable", false).put("error", e.toString());
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
