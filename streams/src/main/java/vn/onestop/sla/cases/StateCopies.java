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
 * are copied recursively. Generic over the schema's fields, so a field added to the schema is
 * copied too.
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
    return copyRecord(s, new CaseState());
  }

  /**
   * @param c a clock
   * @return an independent copy
   */
  public static ActiveClock copy(ActiveClock c) {
    return copyRecord(c, new ActiveClock());
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
