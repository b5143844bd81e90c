package vn.onestop.audit;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Submitted;

/**
 * Turns case events and alerts into plain maps for audit output (JSON/CSV), applying the personal
 * data rules of docs/design.md, Personal data:
 *
 * <ul>
 *   <li>{@code encryptedIdentity} (tố cáo denouncer) is NEVER output, not even as ciphertext, and
 *       is never decrypted here;
 *   <li>the plain {@code complainant}, free-text {@code title}, {@code description} and {@code
 *       location} of a submission are output only when {@code includePersonalData} is set (an
 *       explicit flag of the export), and never for TO_CAO cases;
 *   <li>alerts carry no personal data and are output whole.
 * </ul>
 *
 * Instants are written as UTC ISO-8601; enums as their symbol; bytes are dropped.
 */
public final class RecordJson {
  private static final Set<String> PERSONAL =
      Set.of("complainant", "description", "location", "title");

  private RecordJson() {}

  /**
   * @param e a case event
   * @param includePersonalData whether plain complainant data, description and location may be
   *     included (never for TO_CAO)
   * @return envelope fields, {@code type} = payload record name, then payload fields
   */
  public static Map<String, Object> event(CaseEvent e, boolean includePersonalData) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventId", str(e.getEventId()));
    m.put("caseId", str(e.getCaseId()));
    m.put("occurredAt", e.getOccurredAt().toString());
    m.put("recordedAt", e.getRecordedAt().toString());
    m.put("sourceSystem", str(e.getSourceSystem()));
    m.put("actor", e.getActor() == null ? null : record((SpecificRecord) e.getActor(), Set.of()));
    Object p = e.getPayload();
    m.put("type", p == null ? null : ((SpecificRecord) p).getSchema().getName());
    if (p instanceof SpecificRecord r) {
      boolean denunciation = p instanceof Submitted s && s.getCategory() == Category.TO_CAO;
      Set<String> drop = new java.util.HashSet<>(Set.of("encryptedIdentity"));
      if (!includePersonalData || denunciation) {
        drop.addAll(PERSONAL);
      }
      m.putAll(record(r, drop));
    }
    return m;
  }

  /**
   * @param a an alert
   * @return all its fields
   */
  public static Map<String, Object> alert(CaseAlert a) {
    return record(a, Set.of());
  }

  private static Map<String, Object> record(SpecificRecord r, Set<String> drop) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Schema.Field f : r.getSchema().getFields()) {
      if (!drop.contains(f.name())) {
        Object v = value(r.get(f.pos()));
        if (v != DROP) {
          m.put(f.name(), v);
        }
      }
    }
    return m;
  }

  private static final Object DROP = new Object();

  private static Object value(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof Instant t) {
      return t.toString();
    }
    if (v instanceof Enum<?> en) {
      return en.name();
    }
    if (v instanceof GenericEnumSymbol<?> g) {
      return g.toString();
    }
    if (v instanceof ByteBuffer) {
      return DROP;
    }
    if (v instanceof SpecificRecord r) {
      return record(r, Set.of());
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(value(o));
      }
      return out;
    }
    return v;
  }

  private static String str(CharSequence s) {
    return s == null ? null : s.toString();
  }
}
