package vn.onestop.intake.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per (client, Idempotency-Key), the hash of the request body and the receipt given.
 *
 * <p>Scope: in memory, per process, at most {@code capacity} keys (least recently used dropped).
 * Across restarts the intake still writes no duplicate: ids are derived from the key (see {@link
 * CaseIntake}), so a repeated write carries the same event id, which the SLA engine ignores.
 * Thread-safe.
 */
public final class IdempotencyCache {
  /**
   * A remembered request.
   *
   * @param bodyHash hash of the canonical request body
   * @param receipt receipt given
   */
  public record Entry(String bodyHash, Receipt receipt) {}

  private final Map<String, Entry> entries;

  /**
   * @param capacity maximum number of remembered keys
   */
  public IdempotencyCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * @param scope e.g. {@code client|POST /api/v1/cases|key}
   * @return the remembered entry
   */
  public synchronized Optional<Entry> get(String scope) {
    return Optional.ofNullable(entries.get(scope));
  }

  /**
   * @param scope the scope
   * @param entry what to remember
   */
  public synchronized void put(String scope, Entry entry) {
    entries.put(scope, entry);
  }
}
