package dev.cirrus.testplugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** On the test classpath commons-lang3 is the one the module compiles against (pom: lang3.older). */
class VersionSourceTest {
    private static final String COMPILED_AGAINST = "3.14.0";

    @Test
    void reportsTheLibraryItLoaded() throws InterruptedException {
        VersionSourceTask task = new VersionSourceTask();
        task.start(Map.of("topic", "reports", "interval.ms", "0"));
        List<SourceRecord> first = task.poll();
        List<SourceRecord> second = task.poll();
        assertEquals(1, first.size());
        SourceRecord record = first.get(0);
        assertEquals("reports", record.topic());
        assertEquals("commons-lang3", record.key());
        Struct value = (Struct) record.value();
        assertEquals(COMPILED_AGAINST, value.getString("version"));
        assertEquals("commons-lang3-" + COMPILED_AGAINST + ".jar", value.getString("jar"));
        assertEquals(1L, value.getInt64("seq"));
        assertEquals(2L, ((Struct) second.get(0).value()).getInt64("seq"));
    }

    @Test
    void stopEndsAWaitingPoll() throws InterruptedException {
        VersionSourceTask task = new VersionSourceTask();
        task.start(Map.of("topic", "reports", "interval.ms", "60000"));
        task.poll();
        task.stop();
        assertTimeout(Duration.ofSeconds(5), () -> assertNull(task.poll()));
    }

    @Test
    void oneTaskWithTheConnectorsConfig() {
        VersionSourceConnector connector = new VersionSourceConnector();
        connector.start(Map.of("topic", "reports"));
        assertEquals(List.of(Map.of("topic", "reports")), connector.taskConfigs(4));
        assertEquals(VersionSourceTask.class, connector.taskClass());
        assertEquals(COMPILED_AGAINST, connector.version());
    }

    @Test
    void refusesAConfigWithoutTopic() {
        assertThrows(ConfigException.class, () -> new VersionSourceConnector().start(Map.of()));
    }

    /** Connect 4.x's service_load plugin discovery finds connectors only through this manifest. */
    @Test
    void discoverableThroughServiceLoader() {
        assertTrue(ServiceLoader.load(SourceConnector.class).stream()
                .anyMatch(p -> p.type() == VersionSourceConnector.class));
    }
}
