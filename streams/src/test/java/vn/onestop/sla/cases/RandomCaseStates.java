package vn.onestop.sla.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import vn.onestop.sla.state.CaseState;

/**
 * Case states generated from {@code CaseState.avsc} itself (a walk over the schema): every field,
 * nested record and union branch, null or not; Vietnamese and 4-byte UTF-8 text; lists of 0–5
 * items; instants before and after 1970, some with sub-millisecond parts. A field added to the
 * schema is generated too, so code written field by field for the schema is tested against it. Not
 * meaningful cases (a SUBMITTED case may have a resolution): for code that must handle every value
 * of the schema. Needs the generated classes trusted ({@code StateAvroTrust.install()}).
 */
public final class RandomCaseStates {
  private static final String[] TEXTS = {
    "",
    "c-1",
    "UBND-Q1",
    "Phường Bến Nghé",
    "Khiếu nại về thủ tục đăng ký hộ tịch — lần 2",
    "Tố cáo hành vi nhũng nhiễu tại bộ phận một cửa",
    "𝄞 emoji 😀 and CJK 漢字",
    "x".repeat(300),
  };

  private RandomCaseStates() {}

  /**
   * @return an arbitrary of generated case states
   */
  public static Arbitrary<CaseState> arbitrary() {
    return Arbitraries.randomValue(RandomCaseStates::generate);
  }

  /**
   * @param r the source of randomness
   * @return a generated case state
   */
  public static CaseState generate(Random r) {
    return (CaseState) record(CaseState.getClassSchema(), r);
  }

  private static Object record(Schema schema, Random r) {
    SpecificRecordBase rec = (SpecificRecordBase) SpecificData.get().newRecord(null, schema);
    for (Schema.Field f : schema.getFields()) {
      rec.put(f.pos(), value(f.schema(), r));
    }
    return rec;
  }

  private static Object value(Schema s, Random r) {
    switch (s.getType()) {
      case UNION:
        // the schema's unions are [null, X]
        return r.nextInt(10) < 3 ? null : value(s.getTypes().get(1), r);
      case RECORD:
        return record(s, r);
      case ENUM:
        return SpecificData.get()
            .createEnum(s.getEnumSymbols().get(r.nextInt(s.getEnumSymbols().size())), s);
      case ARRAY:
        int n = r.nextInt(10) < 3 ? 0 : r.nextInt(5) + 1;
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(value(s.getElementType(), r));
        }
        return items;
      case STRING:
        return TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : "-" + r.nextInt(1000));
      case INT:
        return switch (r.nextInt(3)) {
          case 0 -> r.nextInt(10);
          case 1 -> -r.nextInt(1000);
          default -> r.nextInt();
        };
      case BOOLEAN:
        return r.nextBoolean();
      case LONG:
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          long ms = r.nextBoolean() ? 1_700_000_000_000L + r.nextInt() : r.nextLong() >> 20;
          return Instant.ofEpochMilli(ms).plusNanos(r.nextInt(10) == 0 ? r.nextInt(999_999) : 0);
        }
        return r.nextLong();
      default:
        throw new IllegalStateException("CaseState.avsc uses a type the generator lacks: " + s);
    }
  }
}
