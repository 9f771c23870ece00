package dev.cirrus.connect.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bucket in memory that remembers every upload (to count rewrites) and can be told to fail. */
final class InMemoryUploader implements ObjectUploader {
    final Map<String, byte[]> objects = new LinkedHashMap<>();
    final List<String> uploads = new ArrayList<>();
    int failuresToCome;

    @Override
    public void upload(String key, byte[] content) throws Exception {
        if (failuresToCome > 0) {
            failuresToCome--;
            throw new java.io.IOException("store unavailable");
        }
        uploads.add(key);
        objects.put(key, content.clone());
    }

    String text(String key) {
        byte[] content = objects.get(key);
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }
}
