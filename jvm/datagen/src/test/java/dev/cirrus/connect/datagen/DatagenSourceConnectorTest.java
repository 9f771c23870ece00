package dev.cirrus.connect.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class DatagenSourceConnectorTest {
    @Test
    void taskConfigsCarryConfigAndIndex() {
        DatagenSourceConnector c = new DatagenSourceConnector();
        c.start(DatagenConfigTest.valid());
        List<Map<String, String>> configs = c.taskConfigs(3);
        assertEquals(3, configs.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(Integer.toString(i), configs.get(i).get("task.id"));
            assertEquals("pageviews", configs.get(i).get("kafka.topic"));
        }
        assertEquals(DatagenSourceTask.class, c.taskClass());
        assertEquals("0.1.0", c.version());
        c.stop();
    }

    /** Connect 4.x's service_load plugin discovery finds connectors only through this manifest. */
    @Test
    void discoverableThroughServiceLoader() {
        boolean found = ServiceLoader.load(SourceConnector.class).stream()
                .anyMatch(p -> p.type() == DatagenSourceConnector.class);
        assertTrue(found);
    }

    @Test
    void alterOffsetsChecksShape() {
        DatagenSourceConnector c = new DatagenSourceConnector();
        Map<Map<String, ?>, Map<String, ?>> ok = new HashMap<>();
        ok.put(Map.of("task", 0L), Map.of("count", 5L));
        ok.put(Map.of("task", 1L), null); // reset
        assertTrue(c.alterOffsets(DatagenConfigTest.valid(), ok));

        Map<Map<String, ?>, Map<String, ?>> bad = Map.of(Map.of("task", 0L), Map.of("count", "five"));
        assertThrows(ConnectException.class, () -> c.alterOffsets(DatagenConfigTest.valid(), bad));
        Map<Map<String, ?>, Map<String, ?>> badPartition = Map.of(Map.of("tsak", 0L), Map.of("count", 1L));
        assertThrows(ConnectException.class, () -> c.alterOffsets(DatagenConfigTest.valid(), badPartition));
    }
}
