package dev.cirrus.connect.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class S3SinkConnectorTest {
    private static List<String> errors(Map<String, String> props, String key) {
        return new S3SinkConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals(key)).findFirst().map(ConfigValue::errorMessages).orElseThrow();
    }

    @Test
    void validateReportsAMissingBucketAndFlushSize() {
        Map<String, String> props = Map.of("topics", "t");
        assertFalse(errors(props, "s3.bucket.name").isEmpty());
        assertFalse(errors(props, "flush.size").isEmpty());
        assertFalse(errors(Map.of("s3.bucket.name", "b", "flush.size", "0"), "flush.size").isEmpty());
        assertTrue(errors(Map.of("s3.bucket.name", "b", "flush.size", "1"), "s3.bucket.name").isEmpty());
    }

    @Test
    void validateRejectsUnknownChoicesAndHalfACredentialPair() {
        Map<String, String> props = Map.of("s3.bucket.name", "b", "flush.size", "1", "time.interval", "WEEKLY",
                "format", "ORC", "timezone", "Mars/Base", "aws.access.key.id", "AKID");
        assertFalse(errors(props, "time.interval").isEmpty());
        assertFalse(errors(props, "format").isEmpty());
        assertFalse(errors(props, "timezone").isEmpty());
        assertFalse(errors(props, "aws.secret.access.key").isEmpty());
    }

    @Test
    void defaultsMatchConfluentAndTheSecretIsAPassword() {
        S3SinkConfig config = new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "5"));
        assertEquals("us-east-1", config.region());
        assertEquals("topics", config.topicsDir());
        assertEquals(S3SinkConfig.TimeInterval.HOURLY, config.timeInterval());
        assertEquals("UTC", config.timezone().getId());
        assertEquals(S3SinkConfig.TimestampExtractor.RECORD, config.timestampExtractor());
        assertEquals(S3SinkConfig.Format.JSON, config.format());
        assertEquals(-1L, config.rotateScheduleIntervalMs());
        assertEquals(-1L, config.rotateIntervalMs());
        assertFalse(config.pathStyleAccess());
        assertTrue(new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "5", "store.url", "http://127.0.0.1:1"))
                .pathStyleAccess());
        assertEquals(ConfigDef.Type.PASSWORD, S3SinkConfig.CONFIG_DEF.configKeys().get("aws.secret.access.key").type);
        S3SinkConfig secret = new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "5",
                "aws.access.key.id", "AKID", "aws.secret.access.key", "s3cr3t"));
        assertFalse(secret.toString().contains("s3cr3t"));
        assertThrows(ConfigException.class, () -> new S3SinkConfig(Map.of("s3.bucket.name", "b", "flush.size", "5",
                "aws.secret.access.key", "s3cr3t")));
    }

    @Test
    void everyTaskGetsTheConnectorConfig() {
        S3SinkConnector connector = new S3SinkConnector();
        connector.start(Map.of("s3.bucket.name", "b", "flush.size", "5", "topics", "t"));
        assertEquals(3, connector.taskConfigs(3).size());
        assertEquals("b", connector.taskConfigs(1).get(0).get("s3.bucket.name"));
    }
}
