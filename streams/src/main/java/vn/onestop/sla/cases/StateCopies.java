package vn.onestop.sla.cases;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.ClockDecision;
import vn.onestop.sla.state.KpiMark;
import vn.onestop.sla.state.NextDue;
import vn.onestop.sla.state.Refusal;

/**
 * Copies of the generated state records without Avro's reflective deep copy.
 *
 * <p>Why: the generated {@code newBuilder(other)} deep-copies through {@code SpecificData}, which
 * loads enum classes by name and, since Avro 1.12.1, refuses classes that no {@code
 * ClassSecurityValidator} trusts ("Forbidden vn.onestop.sla.state.CaseStatus!"). The domain code
 * must work without any serde having registered trust, so it copies field by field: immutable
 * values (strings, numbers, instants, enums) are shared, lists and maps are copied, nested records
 * are copied recursively.
 *
 * <p>Two ways, the same result: for the schema version {@link StateLayout} names, {@link
 * #copy(CaseState)} and {@link #copy(ActiveClock)} know which fields are mutable and share the rest
 * without looking at them (a copy per decision and per firing; the generic walk below, with its
 * type tests on every value, was a fifth of the engine step, docs/benchmarks.md item 7); for any
 * other version they walk the schema's values generically, so a field added to the schema is copied
 * deeply too before this class is updated. StateCopiesProperties checks that both give equal,
 * independent copies.
 */
public final class StateCopies {

  private StateCopies() {}

  /**
   * A fresh instance of each nested record class the schema may gain later, by a method handle
   * looked up once. The nested records known today are constructed directly in {@link #fresh}: a
   * reflective {@code getDeclaredConstructor} or {@code Constructor.newInstance} per copy (with its
   * access check) was the largest single cost of the engine step in a profile (docs/benchmarks.md,
   * item 7).
   */
  private static final ClassValue<MethodHandle> CONSTRUCTORS =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          try {
            return MethodHandles.publicLookup()
                .findConstructor(type, MethodType.methodType(void.class));
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + type.getName(), e);
          }
        }
      };

  private static SpecificRecordBase fresh(SpecificRecordBase r) {
    if (r instanceof ActiveClock) {
      return new ActiveClock();
    }
    if (r instanceof ClockDecision) {
      return new ClockDecision();
    }
    if (r instanceof Refusal) {
      return new Refusal();
    }
    if (r instanceof KpiMark) {
      return new KpiMark();
    }
    if (r instanceof NextDue) {
      return new NextDue();
    }
    try {
      return (SpecificRecordBase) CONSTRUCTORS.get(r.getClass()).invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot copy " + r.getClass().getName(), e);
    }
  }

  /**
   * @param s a state
   * @return an independent copy (mutating it does not change {@code s})
   */
  public static CaseState copy(CaseState s) {
    return StateLayout.isCurrent() ? direct(s) : generic(s);
  }

  /**
   * @param c a clock
   * @return an independent copy
   */
  public static ActiveClock copy(ActiveClock c) {
    return StateLayout.isCurrent() ? direct(c) : copyRecord(c, new ActiveClock());
  }

  /** The schema-driven copy, whatever the schema version (package-private for the tests). */
  static CaseState generic(CaseState s) {
    return copyRecord(s, new CaseState());
  }

  /**
   * For the schema version {@link StateLayout} names (package-private for the tests): every field
   * shared as it is (through {@code get/put}, which, unlike the generated setters, neither truncate
   * instants nor refuse a null in a field not yet set), then the mutable ones, known by name,
   * replaced by copies: the three lists and the five nested records.
   */
  static CaseState direct(CaseState s) {
    CaseState c = shallow(s, new CaseState());
    ActiveClock clock = s.getClock();
    c.setClock(clock == null ? null : direct(clock));
    c.setProcessedEventIds(list(s.getProcessedEventIds()));
    c.setEmittedAlertKeys(list(s.getEmittedAlertKeys()));
    List<ClockDecision> decisions = s.getDecisions();
    if (decisions != null) {
      List<ClockDecision> out = new ArrayList<>(decisions.size());
      for (ClockDecision d : decisions) {
        out.add(d == null ? null : shallow(d, new ClockDecision()));
      }
      c.setDecisions(out);
    }
    Refusal r = s.getLastRefusal();
    c.setLastRefusal(r == null ? null : shallow(r, new Refusal()));
    KpiMark m = s.getKpiMark();
    c.setKpiMark(m == null ? null : shallow(m, new KpiMark()));
    NextDue n = s.getNextDue();
    c.setNextDue(n == null ? null : shallow(n, new NextDue()));
    return c;
  }

  /** The clock's fields are all immutable values. */
  private static ActiveClock direct(ActiveClock c) {
    return shallow(c, new ActiveClock());
  }

  private static <T extends SpecificRecordBase> T shallow(T from, T to) {
    int n = from.getSchema().getFields().size();
    for (int i = 0; i < n; i++) {
      to.put(i, from.get(i));
    }
    return to;
  }

  private static List<String> list(List<String> items) {
    return items == null ? null : new ArrayList<>(items);
  }

  private static <T extends SpecificRecordBase> T copyRecord(T from, T to) {
    int n = from.getSchema().getFields().size();
    for (int i = 0; i < n; i++) {
      to.put(i, value(from.get(i)));
    }
    return to;
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v) {
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(x -> out.add(value(x)));
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(k, value(x)));
      return out;
    }
    if (v instanceof SpecificRecordBase r) {
      return copyRecord(r, fresh(r));
    }
    return v; // String, Integer, Long, Boolean, Instant, enum: immutable
  }
}
