package dev.cirrus.connect.datagen;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The data sets, named and shaped like Confluent's Datagen quickstarts so tutorials and ksqlDB
 * examples written against those apply here. Schema names match the original Avro record names.
 */
public enum Quickstart {
    PAGEVIEWS(SchemaBuilder.struct().name("ksql.pageviews")
            .field("viewtime", Schema.INT64_SCHEMA)
            .field("userid", Schema.STRING_SCHEMA)
            .field("pageid", Schema.STRING_SCHEMA)
            .build()) {
        @Override
        Generated generate(long seq, long nowMs, ThreadLocalRandom r) {
            String userid = numbered(r, "User_", 9);
            // Wall-clock time, so viewtime never decreases within a task.
            Struct v = new Struct(schema)
                    .put("viewtime", nowMs)
                    .put("userid", userid)
                    .put("pageid", numbered(r, "Page_", 99));
            return new Generated(userid, v);
        }
    },

    USERS(SchemaBuilder.struct().name("ksql.users")
            .field("registertime", Schema.INT64_SCHEMA)
            .field("userid", Schema.STRING_SCHEMA)
            .field("regionid", Schema.STRING_SCHEMA)
            .field("gender", Schema.STRING_SCHEMA)
            .build()) {
        @Override
        Generated generate(long seq, long nowMs, ThreadLocalRandom r) {
            String userid = numbered(r, "User_", 9);
            Struct v = new Struct(schema)
                    // Users registered some time in the last three years.
                    .put("registertime", nowMs - r.nextLong(THREE_YEARS_MS))
                    .put("userid", userid)
                    .put("regionid", numbered(r, "Region_", 9))
                    .put("gender", pick(r, GENDERS));
            return new Generated(userid, v);
        }
    },

    ORDERS(SchemaBuilder.struct().name("ksql.orders")
            .field("ordertime", Schema.INT64_SCHEMA)
            .field("orderid", Schema.INT32_SCHEMA)
            .field("itemid", Schema.STRING_SCHEMA)
            .field("orderunits", Schema.FLOAT64_SCHEMA)
            .field("address", SchemaBuilder.struct().name("ksql.address")
                    .field("city", Schema.STRING_SCHEMA)
                    .field("state", Schema.STRING_SCHEMA)
                    .field("zipcode", Schema.INT64_SCHEMA)
                    .build())
            .build()) {
        @Override
        Generated generate(long seq, long nowMs, ThreadLocalRandom r) {
            // orderid follows the task's record count, so it keeps increasing across restarts.
            // Like the original Datagen, ids are per task: several tasks produce the same ids.
            int orderid = (int) seq;
            Struct address = new Struct(schema.field("address").schema())
                    .put("city", numbered(r, "City_", 99))
                    .put("state", numbered(r, "State_", 99))
                    .put("zipcode", r.nextLong(10_000, 100_000));
            Struct v = new Struct(schema)
                    .put("ordertime", nowMs)
                    .put("orderid", orderid)
                    .put("itemid", numbered(r, "Item_", 999))
                    // Two decimals, as a quantity in a real order line would have.
                    .put("orderunits", Math.round(r.nextDouble(0.1, 10.0) * 100) / 100.0)
                    .put("address", address);
            return new Generated(Integer.toString(orderid), v);
        }
    },

    STOCK_TRADES(SchemaBuilder.struct().name("ksql.stocktrade")
            .field("side", Schema.STRING_SCHEMA)
            .field("quantity", Schema.INT32_SCHEMA)
            .field("symbol", Schema.STRING_SCHEMA)
            .field("price", Schema.INT32_SCHEMA)
            .field("account", Schema.STRING_SCHEMA)
            .field("userid", Schema.STRING_SCHEMA)
            .build()) {
        @Override
        Generated generate(long seq, long nowMs, ThreadLocalRandom r) {
            String symbol = pick(r, SYMBOLS);
            Struct v = new Struct(schema)
                    .put("side", pick(r, SIDES))
                    .put("quantity", r.nextInt(1, 5001))
                    .put("symbol", symbol)
                    .put("price", r.nextInt(5, 1001)) // cents
                    .put("account", pick(r, ACCOUNTS))
                    .put("userid", numbered(r, "User_", 9));
            return new Generated(symbol, v);
        }
    };

    /** One generated record: a String key and a value matching {@link #schema()}. */
    public record Generated(String key, Struct value) { }

    private static final long THREE_YEARS_MS = 3L * 365 * 24 * 3600 * 1000;
    private static final List<String> GENDERS = List.of("MALE", "FEMALE", "OTHER");
    private static final List<String> SIDES = List.of("BUY", "SELL");
    private static final List<String> SYMBOLS = List.of("ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT");
    private static final List<String> ACCOUNTS = List.of("ABC123", "LMN456", "XYZ789");

    final Schema schema;

    Quickstart(Schema schema) {
        this.schema = schema;
    }

    public Schema schema() {
        return schema;
    }

    /**
     * Builds record number {@code seq} (0-based, per task) at wall-clock time {@code nowMs}.
     * The random source is passed in so each caller uses its own thread's generator.
     */
    abstract Generated generate(long seq, long nowMs, ThreadLocalRandom r);

    /** "Prefix_1" .. "Prefix_max", uniformly. */
    static String numbered(ThreadLocalRandom r, String prefix, int max) {
        return prefix + r.nextInt(1, max + 1);
    }

    static String pick(ThreadLocalRandom r, List<String> choices) {
        return choices.get(r.nextInt(choices.size()));
    }
}
