package dev.cirrus.connect.http;

import java.util.ArrayList;
import java.util.List;

/** HTTP status codes in Confluent's syntax: comma-separated codes and ranges (400-, -299, 500-599, 429). */
public final class StatusCodes {
    private final List<int[]> ranges;

    private StatusCodes(List<int[]> ranges) {
        this.ranges = ranges;
    }

    public static StatusCodes parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String raw : text.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    int code = code(part);
                    ranges.add(new int[] {code, code});
                } else {
                    String from = part.substring(0, dash).trim();
                    String to = part.substring(dash + 1).trim();
                    int lo = from.isEmpty() ? 100 : code(from);
                    int hi = to.isEmpty() ? 599 : code(to);
                    if (lo > hi) throw new IllegalArgumentException("range " + part + " is empty");
                    ranges.add(new int[] {lo, hi});
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a status code or a range of them");
            }
        }
        return new StatusCodes(List.copyOf(ranges));
    }

    private static int code(String s) {
        int code = Integer.parseInt(s);
        if (code < 100 || code > 599) throw new IllegalArgumentException(code + " is not an HTTP status code");
        return code;
    }

    public boolean contains(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) return true;
        }
        return false;
    }
}
