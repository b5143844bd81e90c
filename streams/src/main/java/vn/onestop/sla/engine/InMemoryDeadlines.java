package vn.onestop.sla.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The deadline index of an offline engine task: a sorted set (a priority queue that also deletes)
 * of (due instant, case id) in {@link EngineTask#ORDER}, the order of the live index's keys. {@link
 * #due} costs O(k log n) for k entries returned; the cases not yet due are never touched.
 *
 * <p>Not thread-safe.
 */
public final class InMemoryDeadlines implements EngineTask.Deadlines {
  private final TreeSet<EngineTask.Due> entries = new TreeSet<>(EngineTask.ORDER);

  @Override
  public List<EngineTask.Due> due(Instant upTo, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max entries per scan must be >= 1, got " + max);
    }
    List<EngineTask.Due> out = new ArrayList<>();
    long limit = upTo.toEpochMilli();
    Iterator<EngineTask.Due> it = entries.iterator();
    while (out.size() < max && it.hasNext()) {
      EngineTask.Due d = it.next();
      if (d.at().toEpochMilli() > limit) {
        break;
      }
      out.add(d);
    }
    return out;
  }

  @Override
  public void put(Instant at, String caseId) {
    entries.add(new EngineTask.Due(Instant.ofEpochMilli(at.toEpochMilli()), caseId));
  }

  @Override
  public void delete(Instant at, String caseId) {
    entries.remove(new EngineTask.Due(Instant.ofEpochMilli(at.toEpochMilli()), caseId));
  }

  /**
   * @return the number of entries
   */
  public int size() {
    return entries.size();
  }
}
