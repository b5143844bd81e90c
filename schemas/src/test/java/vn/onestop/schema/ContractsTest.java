package vn.onestop.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.testkit.TestRecords;

/**
 * Rules every contract must keep (docs/design.md, Topics: a doc on every field, enums with a
 * default symbol).
 */
class ContractsTest {

  @Test
  void topicsHaveDistinctNamesAndTopicNameStrategySubjects() {
    assertThat(Topics.ALL)
        .extracting(Topic::name)
        .doesNotHaveDuplicates()
        .containsExactly(
            "case-events",
            "org-units",
            "case-alerts",
            "unit-kpis",
            "case-events-rejected",
            "case-acknowledgements");
    for (Topic<?> t : Topics.ALL) {
      assertThat(t.valueSubject()).isEqualTo(t.name() + "-value");
      assertThat(t.valueSchema().getFullName()).isEqualTo(t.valueType().getName());
    }
    assertThat(Topics.ORG_UNITS.compacted()).isTrue();
    assertThat(Topics.UNIT_KPIS.compacted()).isTrue();
    assertThat(Topics.CASE_EVENTS.compacted()).isFalse();
  }

  @Test
  void noProductTopicHasTimeRetention() {
    for (Topic<?> t : Topics.ALL) {
      Map<String, String> c = t.configs();
      if (t.compacted()) {
        assertThat(c).as(t.name()).containsEntry("cleanup.policy", "compact");
      } else {
        assertThat(c)
            .as(t.name())
            .containsEntry("cleanup.policy", "delete")
            .containsEntry("retention.ms", "-1");
      }
      assertThat(t.newTopic("x-" + t.name(), 2, (short) 1).configs()).isEqualTo(c);
    }
  }

  @Test
  void everyFieldHasADocAndEveryEnumADefault() {
    List<String> problems = new ArrayList<>();
    Map<Schema, Boolean> seen = new IdentityHashMap<>();
    for (Topic<?> t : Topics.ALL) {
      check(t.valueSchema(), seen, problems);
    }
    assertThat(problems).isEmpty();
    assertThat(seen.keySet())
        .extracting(Schema::getName)
        .contains("Submitted", "ClockTick", "Category", "Acknowledged", "Snoozed");
  }

  private static void check(Schema s, Map<Schema, Boolean> seen, List<String> problems) {
    if (seen.put(s, Boolean.TRUE) != null) {
      return;
    }
    switch (s.getType()) {
      case RECORD -> {
        if (s.getDoc() == null || s.getDoc().isBlank()) {
          problems.add("record " + s.getFullName() + " has no doc");
        }
        for (Schema.Field f : s.getFields()) {
          if (f.doc() == null || f.doc().isBlank()) {
            problems.add(s.getFullName() + "." + f.name() + " has no doc");
          }
          check(f.schema(), seen, problems);
        }
      }
      case ENUM -> {
        if (s.getEnumDefault() == null) {
          problems.add("enum " + s.getFullName() + " has no default symbol");
        }
      }
      case UNION -> s.getTypes().forEach(b -> check(b, seen, problems));
      case ARRAY -> check(s.getElementType(), seen, problems);
      case MAP -> check(s.getValueType(), seen, problems);
      default -> {}
    }
  }

  @Test
  void thePayloadUnionHasOneBranchPerSampleInSchemaOrder() {
    List<Schema> branches = CaseEvent.getClassSchema().getField("payload").schema().getTypes();
    assertThat(TestRecords.everyPayload())
        .extracting(p -> p.getClass().getName())
        .containsExactlyElementsOf(branches.stream().map(Schema::getFullName).toList());
  }
}
