package dev.cirrus.testplugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ClassProbeTest {
    @Test
    void aClassOnItsClassPathIsLoadable() {
        Struct own = ClassProbeSourceTask.probe(ClassProbeSourceConnector.class.getName());
        assertTrue(own.getBoolean("loadable"));
        assertEquals(ClassProbeSourceTask.class.getClassLoader().toString(), own.getString("loader"));
        assertNull(own.getString("error"));
        assertEquals("bootstrap", ClassProbeSourceTask.probe("java.lang.String").getString("loader"));
    }

    /** Datagen is not on this module's class path, as it must not be in a custom pool. */
    @Test
    void aClassItCannotSeeIsReportedNotLoadable() {
        Struct datagen = ClassProbeSourceTask.probe(ClassProbeSourceConnector.DATAGEN);
        assertFalse(datagen.getBoolean("loadable"));
        assertNull(datagen.getString("loader"));
        assertTrue(datagen.getString("error").contains("ClassNotFoundException"), datagen.getString("error"));
    }

    @Test
    void eachRoundReportsEveryClassKeyedByName() throws InterruptedException {
        ClassProbeSourceTask task = new ClassProbeSourceTask();
        task.start(Map.of("topic", "probes", "probe.classes", "java.lang.String, no.such.Thing", "interval.ms", "0"));
        List<SourceRecord> first = task.poll();
        assertEquals(List.of("java.lang.String", "no.such.Thing"), first.stream().map(SourceRecord::key).toList());
        assertEquals(List.of(true, false), first.stream().map(r -> ((Struct) r.value()).getBoolean("loadable")).toList());
        assertEquals(2L, ((Struct) task.poll().get(0).value()).getInt64("round"));
        assertEquals("probes", first.get(0).topic());
    }

    @Test
    void probesDatagenByDefault() throws InterruptedException {
        ClassProbeSourceTask task = new ClassProbeSourceTask();
        task.start(Map.of("topic", "probes"));
        assertEquals(List.of(ClassProbeSourceConnector.DATAGEN), task.poll().stream().map(SourceRecord::key).toList());
        task.stop();
        assertTimeout(Duration.ofSeconds(5), () -> assertNull(task.poll()));
    }

    @Test
    void oneTaskAndDiscoverableThroughServiceLoader() {
        ClassProbeSourceConnector connector = new ClassProbeSourceConnector();
        connector.start(Map.of("topic", "probes"));
        assertEquals(1, connector.taskConfigs(3).size());
        assertTrue(ServiceLoader.load(SourceConnector.class).stream()
                .anyMatch(p -> p.type() == ClassProbeSourceConnector.class));
    }
}
