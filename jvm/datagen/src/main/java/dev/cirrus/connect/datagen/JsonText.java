package dev.cirrus.connect.datagen;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Renders a generated Struct as compact JSON text, for output.data.format=STRING.
 * Hand-written rather than borrowing connect-json's JsonConverter: the quickstarts only use
 * strings, numbers and nested structs, and this keeps the plugin free of runtime dependencies.
 */
final class JsonText {
    private JsonText() { }

    static String render(Struct struct) {
        StringBuilder out = new StringBuilder(128);
        appendStruct(out, struct);
        return out.toString();
    }

    private static void appendStruct(StringBuilder out, Struct struct) {
        out.append('{');
        boolean first = true;
        for (Field field : struct.schema().fields()) {
            if (!first) out.append(',');
            first = false;
            appendString(out, field.name());
            out.append(':');
            appendValue(out, struct.get(field));
        }
        out.append('}');
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Struct s) {
            appendStruct(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            // Our numbers are always finite, so Java's toString is valid JSON.
            out.append(value);
        } else {
            appendString(out, value.toString());
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
