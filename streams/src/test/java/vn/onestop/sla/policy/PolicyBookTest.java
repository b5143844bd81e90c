package vn.onestop.sla.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.PeriodUnit;
import vn.onestop.sla.testkit.TestPolicies;

class PolicyBookTest {

  private static final PolicyBook BOOK = PolicyBook.defaults();

  private static Instant local(LocalDateTime t) {
    return t.atZone(Calendars.ZONE).toInstant();
  }

  /** TO_CAO replaced on 01/07/2026 by a hypothetical rule (a fixture, not law). */
  private static final String EFFECTIVE_DATED =
      "{\n"
          + "  \"policies\": [\n"
          + "    {\n"
          + "      \"policyId\": \"TC-OLD\", \"category\": \"TO_CAO\", \"effectiveFrom\": \"2019-01-01\", \"effectiveTo\": \"2026-07-01\",\n"
          + "      \"calendarId\": \"vn-civil-service\", \"legalBasis\": \"Luật Tố cáo 2018\", \"status\": \"V\",\n"
          + "      \"resolution\": { \"rules\": [ { \"period\": \"30 CALENDAR_DAYS\", \"legalBasis\": \"Luật Tố cáo 2018, Điều 30\", \"status\": \"V\" } ] }\n"
          + "    },\n"
          + "    {\n"
          + "      \"policyId\": \"TC-NEW\", \"category\": \"TO_CAO\", \"effectiveFrom\": \"2026-07-01\", \"effectiveTo\": null,\n"
          + "      \"calendarId\": \"vn-civil-service\", \"legalBasis\": \"hypothetical replacement rule (test fixture)\", \"status\": \"U\",\n"
          + "      \"acceptance\": { \"period\": \"5 WORKING_DAYS\", \"legalBasis\": \"fixture\", \"status\": \"U\" },\n"
          + "      \"resolution\": { \"rules\": [ { \"period\": \"20 WORKING_DAYS\", \"legalBasis\": \"fixture\", \"status\": \"U\" } ] }\n"
          + "    }\n"
          + "  ]\n"
          + "}\n";

  private static PolicyBook fixture() {
    return load(EFFECTIVE_DATED);
  }

  @ParameterizedTest(name = "filed {0} -> {1}")
  @CsvSource({
    "2019-01-01, TC-OLD",
    "2026-06-30, TC-OLD",
    "2026-07-01, TC-NEW",
    "2030-01-01, TC-NEW"
  })
  void selectsThePolicyInForceOnTheFilingDate(LocalDate filedOn, String expected) {
    assertThat(fixture().select(Category.TO_CAO, null, filedOn).policyId()).isEqualTo(expected);
  }

  @Test
  void aReplayOfAnOldCaseKeepsTheOldRule() {
    PolicyBook book = fixture();
    // Filed 30/06/2026 under the old rule, accepted after the new one took effect: still 30
    // calendar days.
    SlaPolicy old = book.select(Category.TO_CAO, null, LocalDate.of(2026, 6, 30));
    assertThat(
            old.resolutionDueAt(
                local(LocalDateTime.of(2026, 7, 2, 9, 0)), Complexity.NORMAL, false))
        .isEqualTo(
            local(LocalDateTime.of(2026, 8, 4, 0, 0))); // last day Sat 01/08 -> end of Mon 03/08
    SlaPolicy neu = book.select(Category.TO_CAO, null, LocalDate.of(2026, 7, 1));
    assertThat(neu.resolutionPeriod(Complexity.NORMAL, false)).isEqualTo(Period.workingDays(20));
    assertThat(old.acceptancePeriod()).isEmpty();
    assertThatThrownBy(() -> book.select(Category.TO_CAO, null, LocalDate.of(2018, 12, 31)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no SLA policy for TO_CAO filed on 2018-12-31")
        .hasMessageContaining("TC-OLD [2019-01-01, 2026-07-01)");
  }

  @Test
  void defaultsCoverEveryCategoryButUnknown() {
    LocalDate d = LocalDate.of(2026, 3, 2);
    assertThat(BOOK.select(Category.KHIEU_NAI, 1, d).policyId()).isEqualTo("KN1-2011");
    assertThat(BOOK.select(Category.KHIEU_NAI, 2, d).policyId()).isEqualTo("KN2-2011");
    assertThat(BOOK.select(Category.TO_CAO, null, d).policyId()).isEqualTo("TC-2018");
    assertThat(BOOK.select(Category.PHAN_ANH, null, d).policyId()).isEqualTo("PA-DEFAULT");
    assertThat(BOOK.select(Category.KIEN_NGHI, null, d).policyId()).isEqualTo("KNG-DEFAULT");
    assertThat(BOOK.select(Category.SERVICE_REQUEST, null, d).policyId())
        .isEqualTo("SOURCE_PROVIDED");
    assertThatThrownBy(() -> BOOK.select(Category.UNKNOWN, null, d))
        .hasMessageContaining("no SLA policy for UNKNOWN");
    assertThatThrownBy(() -> BOOK.select(Category.KHIEU_NAI, null, d))
        .hasMessageContaining("complaint level 1 or 2");
    assertThatThrownBy(() -> BOOK.select(Category.KHIEU_NAI, 1, LocalDate.of(2012, 6, 30)))
        .hasMessageContaining("KHIEU_NAI level 1 filed on 2012-06-30");
    for (SlaPolicy p : BOOK.all()) {
      assertThat(p.legalBasis()).as(p.policyId()).isNotBlank();
      assertThat(p.calendar().id()).isEqualTo(p.calendarId());
    }
  }

  @Test
  void sourceProvidedPolicyHasNoClocksButWarnsAndEscalates() {
    SlaPolicy p = BOOK.select(Category.SERVICE_REQUEST, null, LocalDate.of(2026, 3, 2));
    assertThat(p.dueDateFromSource()).isTrue();
    assertThat(p.acceptancePeriod()).isEmpty();
    assertThat(p.acceptanceDueAt(Instant.EPOCH)).isEmpty();
    assertThatThrownBy(() -> p.resolutionPeriod(Complexity.NORMAL, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("due date from the source record");
    assertThat(p.warnings())
        .extracting(WarningRule::id)
        .containsExactly("warn-75pct", "warn-1wd-before");
    assertThat(p.escalation().level2After()).isEqualTo(Period.workingDays(3));
    assertThat(p.escalation().level3After()).isEqualTo(Period.workingDays(5));
  }

  @Test
  void testPoliciesOnlyById() {
    // the bundled file ships no test policy; tests add them from their own resource
    assertThat(BOOK.all()).noneMatch(SlaPolicy::testOnly);
    PolicyBook withTests = TestPolicies.BOOK;
    SlaPolicy t = withTests.byId("TEST-SECONDS").orElseThrow();
    assertThat(t.testOnly()).isTrue();
    assertThat(t.resolutionPeriod(Complexity.NORMAL, false))
        .isEqualTo(new Period(30, PeriodUnit.SECONDS));
    Instant accepted = Instant.parse("2026-03-02T03:00:00Z");
    Instant due = t.resolutionDueAt(accepted, Complexity.NORMAL, false);
    assertThat(due).isEqualTo(accepted.plusSeconds(30));
    assertThat(t.escalation().level2At(due, t.calendar())).isEqualTo(due.plusSeconds(10));
    assertThat(t.escalation().level3At(due, t.calendar())).isEqualTo(due.plusSeconds(20));
    assertThat(t.warnings().get(0).firesAt(accepted, due, t.calendar()))
        .contains(accepted.plusSeconds(15));
    assertThat(t.warnings().get(1).firesAt(accepted, due, t.calendar()))
        .contains(accepted.plusSeconds(25));
    assertThat(withTests.byId("TEST-WORKING-HOURS")).isPresent();
    assertThat(withTests.select(Category.PHAN_ANH, null, LocalDate.of(2026, 3, 2)).testOnly())
        .isFalse();
    assertThat(BOOK.byId("nope")).isEmpty();
  }

  @Test
  void defaultWarningsAndEscalationOnTheCalendar() {
    SlaPolicy p = BOOK.select(Category.TO_CAO, null, LocalDate.of(2026, 3, 2));
    Instant accepted = local(LocalDateTime.of(2026, 3, 2, 10, 0));
    Instant due = p.resolutionDueAt(accepted, Complexity.NORMAL, false); // 24:00 Wed 01/04/2026
    WarningRule at75 = p.warnings().get(0);
    WarningRule dayBefore = p.warnings().get(1);
    // 75 % of (31 days - 10 h) = 550 h 30 min after start
    assertThat(at75.firesAt(accepted, due, p.calendar()))
        .contains(accepted.plusSeconds((550 * 60 + 30) * 60L));
    // one working day before: 24:00 Tue 31/03
    assertThat(dayBefore.firesAt(accepted, due, p.calendar()))
        .contains(local(LocalDateTime.of(2026, 4, 1, 0, 0)));
    // level 2 after 3 working days overdue: Thu 02, Fri 03, Mon 06/04 -> 24:00 Mon 06/04; level 3
    // after 5 more
    assertThat(p.escalation().level2At(due, p.calendar()))
        .isEqualTo(local(LocalDateTime.of(2026, 4, 7, 0, 0)));
    assertThat(p.escalation().level3At(due, p.calendar()))
        .isEqualTo(local(LocalDateTime.of(2026, 4, 14, 0, 0)));
    assertThat(p.escalation().basis()).contains("policy choice");
    // a one-working-day warning on a clock shorter than that does not fire
    assertThat(dayBefore.firesAt(local(LocalDateTime.of(2026, 4, 1, 9, 0)), due, p.calendar()))
        .isEmpty();
  }

  @Test
  void badFilesNameTheFileAndJsonPath(@TempDir Path dir) throws Exception {
    String good =
        "{\"policyId\":\"X\",\"category\":\"TO_CAO\",\"effectiveFrom\":\"2020-01-01\","
            + "\"calendarId\":\"vn-civil-service\",\"legalBasis\":\"b\",\"status\":\"V\","
            + "\"resolution\":{\"rules\":[{\"period\":\"30 CALENDAR_DAYS\",\"legalBasis\":\"b\",\"status\":\"V\"}]}}";
    assertThat(load("{\"policies\":[" + good + "]}").all()).hasSize(1);
    assertThatThrownBy(
            () -> load("{\"policies\":[" + good.replace("30 CALENDAR_DAYS", "30 DAYS") + "]}"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(
            "p.json: $.policies[0].resolution.rules[0].period: unknown value 'DAYS'");
    assertThatThrownBy(
            () -> load("{\"policies\":[" + good.replace("\"TO_CAO\"", "\"GOSSIP\"") + "]}"))
        .hasMessageContaining("$.policies[0].category: unknown value 'GOSSIP'");
    assertThatThrownBy(
            () -> load("{\"policies\":[" + good.replace("vn-civil-service", "mars") + "]}"))
        .hasMessageContaining("$.policies[0].calendarId: unknown calendar 'mars'");
    assertThatThrownBy(() -> load("{\"policies\":[" + good + "," + good + "]}"))
        .hasMessageContaining("$.policies[1].policyId: duplicate id 'X'");
    assertThatThrownBy(
            () -> load("{\"policies\":[" + good + "," + good.replace("\"X\"", "\"Y\"") + "]}"))
        .hasMessageContaining("$.policies[1].effectiveFrom: Y overlaps X");
    assertThatThrownBy(
            () -> load("{\"policies\":[" + good.replace("\"TO_CAO\"", "\"KHIEU_NAI\"") + "]}"))
        .hasMessageContaining("$.policies[0].complaintLevel");
    assertThatThrownBy(
            () ->
                load(
                    "{\"policies\":["
                        + good.replace("{\"period\"", "{\"complexity\":[\"NORMAL\"],\"period\"")
                        + "]}"))
        .hasMessageContaining("$.policies[0].resolution.rules: no rule for COMPLEX");
    assertThatThrownBy(
            () ->
                load(
                    "{\"policies\":["
                        + good.replace("30 CALENDAR_DAYS", "-3 CALENDAR_DAYS")
                        + "]}"))
        .hasMessageContaining("rules[0].period: period amount must be positive");
    assertThatThrownBy(
            () ->
                load(
                    "{\"policies\":[\n"
                        + good.replace("\"b\",\"status\"", "\"b\" \"status\"")
                        + "]}"))
        .hasMessageContaining("p.json:2:")
        .hasMessageContaining("invalid JSON");
    Path f = dir.resolve("custom.json");
    Files.writeString(
        f, "{\"policies\":[" + good.replace("\"b\"", "\"Luật Tố cáo 2018, Điều 30\"") + "]}");
    assertThat(PolicyBook.load(f).byId("X").orElseThrow().legalBasis())
        .isEqualTo("Luật Tố cáo 2018, Điều 30");
  }

  private static PolicyBook load(String json) {
    return PolicyBook.load(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "p.json");
  }

  @Test
  void aPolicyInUseMustStillBeInTheBook() {
    assertThat(BOOK.inUse("KN1-2011", "case-1").policyId()).isEqualTo("KN1-2011");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BOOK.inUse("GONE-2010", "case-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("case-1")
        .hasMessageContaining("'GONE-2010'");
  }
}
