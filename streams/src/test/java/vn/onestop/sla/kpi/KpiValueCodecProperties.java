package vn.onestop.sla.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The KPI store's text form: every value reads back equal to what was written, values written as
 * JSON by earlier versions read to the same records, and a damaged value fails naming its key.
 */
class KpiValueCodecProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property
  void caseMarkRoundTrips(@ForAll("unitIds") String unit, @ForAll boolean overdue) {
    CaseMark m = new CaseMark("c-1", unit, overdue);
    assertThat(KpiValueCodec.caseMark("case|c-1", "c-1", KpiValueCodec.caseMark(m))).isEqualTo(m);
  }

  @Property
  void overdueRoundTrips(@ForAll("overdues") UnitOverdue o) {
    assertThat(KpiValueCodec.overdue("unit|U", KpiValueCodec.overdue(o))).isEqualTo(o);
  }

  @Property
  void tallyRoundTrips(@ForAll("tallies") MonthTally t) {
    assertThat(KpiValueCodec.tally("month|U|2026-03", KpiValueCodec.tally(t))).isEqualTo(t);
  }

  @Property(tries = 200)
  void valuesWrittenAsJsonByEarlierVersionsStillRead(
      @ForAll("overdues") UnitOverdue o, @ForAll("tallies") MonthTally t, @ForAll boolean overdue)
      throws Exception {
    CaseMark m = new CaseMark("c-9", "Phường Bến Nghé", overdue);
    assertThat(KpiValueCodec.caseMark("case|c-9", "c-9", JSON.writeValueAsString(m))).isEqualTo(m);
    assertThat(KpiValueCodec.overdue("unit|U", JSON.writeValueAsString(o))).isEqualTo(o);
    assertThat(KpiValueCodec.tally("month|U|2026-03", JSON.writeValueAsString(t))).isEqualTo(t);
  }

  @Example
  void textFormIsShorterThanJson() throws Exception {
    MonthTally t = new MonthTally(1200, 1100, 900, 850, 40, 170, null, 0);
    assertThat(KpiValueCodec.tally(t)).isEqualTo("t|1200|1100|900|850|40|170||0");
    assertThat(KpiValueCodec.tally(t).length()).isLessThan(JSON.writeValueAsString(t).length() / 3);
    TreeMap<String, Long> p = new TreeMap<>();
    p.put("2026-03", 4L);
    p.put("2026-04", -1L);
    assertThat(KpiValueCodec.overdue(new UnitOverdue(7, p))).isEqualTo("o|7|2026-03=4|2026-04=-1");
    assertThat(KpiValueCodec.caseMark(new CaseMark("c", "UBND-Q1", true))).isEqualTo("m|1|UBND-Q1");
  }

  @Example
  void damagedValuesFailNamingTheKeyNotTheValue() {
    Map<String, java.util.function.Function<String, Object>> decoders =
        Map.of(
            "month|U|2026-03", v -> KpiValueCodec.tally("month|U|2026-03", v),
            "unit|U", v -> KpiValueCodec.overdue("unit|U", v),
            "case|c", v -> KpiValueCodec.caseMark("case|c", "c", v));
    List<String> bad =
        List.of(
            "t|1|2|3",
            "t|1|2|3|4|5|6|7|8|9",
            "t|x|2|3|4|5|6||0",
            "t|1|2|3|4|5|6||",
            "o|",
            "o|1|2026-03",
            "o|1|2026-03=",
            "m|2|U",
            "m|",
            "secret-text",
            "{not json");
    decoders.forEach(
        (key, decode) -> {
          for (String v : bad) {
            assertThatThrownBy(() -> decode.apply(v))
                .as(key + " <- " + v)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("KPI store: unreadable value of key '" + key + "'");
          }
        });
  }

  @Provide
  Arbitrary<String> unitIds() {
    return Arbitraries.strings()
        .withChars("abcXYZ-_0123 ăâđêôơưÁÀẢÃẠ")
        .ofMinLength(1)
        .ofMaxLength(20);
  }

  @Provide
  Arbitrary<UnitOverdue> overdues() {
    Arbitrary<String> months =
        Arbitraries.integers()
            .between(2000, 2099)
            .flatMap(
                y ->
                    Arbitraries.integers().between(1, 12).map(m -> String.format("%d-%02d", y, m)));
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.maps(months, Arbitraries.longs().between(-1000, 1000)).ofMaxSize(15))
        .as((base, pending) -> new UnitOverdue(base, new TreeMap<>(pending)));
  }

  @Provide
  Arbitrary<MonthTally> tallies() {
    Arbitrary<Long> n = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> overdue = Arbitraries.longs().injectNull(0.3);
    return Combinators.combine(n, n, n, n, n, n, overdue, n).as(MonthTally::new);
  }
}
