package dev.cirrus.connect.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuickstartTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<SourceRecord> produce(Quickstart q, String format, int n) throws InterruptedException {
        DatagenSourceTask task = new DatagenSourceTask();
        Map<String, String> props = Map.of("kafka.topic", "t", "quickstart", q.name(),
                "max.interval", "0", "iterations", Integer.toString(n), "output.data.format", format);
        task.initialize(new FakeSourceTaskContext(props));
        task.start(props);
        List<SourceRecord> records = task.poll();
        task.stop();
        assertEquals(n, records.size());
        return records;
    }

    @ParameterizedTest
    @EnumSource(Quickstart.class)
    void jsonRecordsMatchTheirSchema(Quickstart q) throws Exception {
        for (SourceRecord r : produce(q, "JSON", 50)) {
            assertEquals("t", r.topic());
            assertEquals(Schema.STRING_SCHEMA, r.keySchema());
            assertInstanceOf(String.class, r.key());
            assertEquals(q.schema(), r.valueSchema());
            Struct v = assertInstanceOf(Struct.class, r.value());
            v.validate(); // every required field set, with the right type
            ConnectSchema.validateValue(r.valueSchema(), v);
            assertNotNull(r.timestamp());
            assertEquals(Map.of("task", 0), r.sourcePartition());
        }
    }

    @Test
    void fieldsArePlausible() throws Exception {
        Set<String> symbols = Set.of("ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT");
        for (SourceRecord r : produce(Quickstart.STOCK_TRADES, "JSON", 200)) {
            Struct v = (Struct) r.value();
            assertTrue(symbols.contains(v.getString("symbol")));
            assertEquals(v.getString("symbol"), r.key());
            assertTrue(Set.of("BUY", "SELL").contains(v.getString("side")));
            assertTrue(v.getInt32("quantity") >= 1 && v.getInt32("quantity") <= 5000);
            assertTrue(v.getInt32("price") >= 5 && v.getInt32("price") <= 1000);
            assertTrue(v.getString("userid").matches("User_[1-9]"));
        }
        List<SourceRecord> orders = produce(Quickstart.ORDERS, "JSON", 100);
        for (int i = 0; i < orders.size(); i++) {
            Struct v = (Struct) orders.get(i).value();
            assertEquals(i, v.getInt32("orderid"));
            assertEquals(Integer.toString(i), orders.get(i).key());
            assertTrue(v.getString("itemid").matches("Item_[1-9][0-9]{0,2}"));
            long zip = v.getStruct("address").getInt64("zipcode");
            assertTrue(zip >= 10_000 && zip <= 99_999);
        }
        for (SourceRecord r : produce(Quickstart.USERS, "JSON", 100)) {
            Struct v = (Struct) r.value();
            assertEquals(v.getString("userid"), r.key());
            assertTrue(Set.of("MALE", "FEMALE", "OTHER").contains(v.getString("gender")));
            assertTrue(v.getString("regionid").matches("Region_[1-9]"));
        }
        for (SourceRecord r : produce(Quickstart.PAGEVIEWS, "JSON", 100)) {
            Struct v = (Struct) r.value();
            assertEquals(v.getString("userid"), r.key());
            assertTrue(v.getString("pageid").matches("Page_[1-9][0-9]?"));
        }
    }

    @ParameterizedTest
    @EnumSource(Quickstart.class)
    void stringFormatIsJsonText(Quickstart q) throws Exception {
        for (SourceRecord r : produce(q, "string", 20)) {
            assertEquals(Schema.STRING_SCHEMA, r.valueSchema());
            String text = assertInstanceOf(String.class, r.value());
            assertTrue(text.startsWith("{") && !text.contains("\n"), text);
            JsonNode tree = MAPPER.readTree(text);
            for (Field f : q.schema().fields()) assertTrue(tree.has(f.name()), f.name() + " in " + text);
        }
    }

    /** STRING output must read exactly like what JsonConverter (schemas.enable=false) writes for JSON output. */
    @ParameterizedTest
    @EnumSource(Quickstart.class)
    void stringFormatMatchesJsonConverter(Quickstart q) throws Exception {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        for (int i = 0; i < 20; i++) {
            Struct v = q.generate(i, System.currentTimeMillis(), ThreadLocalRandom.current()).value();
            String viaConverter = new String(converter.fromConnectData("t", q.schema(), v), StandardCharsets.UTF_8);
            assertEquals(MAPPER.readTree(viaConverter), MAPPER.readTree(JsonText.render(v)));
        }
    }

    @Test
    void jsonTextEscapes() {
        Schema s = org.apache.kafka.connect.data.SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).build();
        assertEquals("{\"a\":\"q\\\"b\\\\n\\n\\u0001\"}", JsonText.render(new Struct(s).put("a", "q\"b\\n\n\u0001")));
    }
}
