package dev.cirrus.connect.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small LRU map shared by a converter's tasks: schemas and ids are immutable in a registry, so an
 * entry never goes stale; the bound only keeps a connector that sees endless schemas from growing.
 */
final class BoundedCache<K, V> {
  private final Map<K, V> entries;

  BoundedCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The cached value, or compute's result (not cached when it throws). Compute runs unlocked. */
  V get(K key, Function<K, V> compute) {
    synchronized (entries) {
      V hit = entries.get(key);
      if (hit != null) return hit;
    }
    V value = compute.apply(key);
    synchronized (entries) {
      entries.put(key, value);
    }
    return value;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
