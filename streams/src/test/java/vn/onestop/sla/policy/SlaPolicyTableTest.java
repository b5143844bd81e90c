package vn.onestop.sla.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.calendar.Period;

/**
 * Every rule of the table in docs/law.md, Deadline rules with a verified duration (K2, K3, K4, T3
 * and its extensions, H1), plus T1 [U]. Instants are Asia/Ho_Chi_Minh local date-times; a due of
 * 00:00 is 24:00 of the day before (Civil Code art. 148). Rules without an engine clock: K1 and K5
 * limit the citizen, not the body; T2, T4, P1, P2, H2, H3, D1 have no verified duration or no input
 * to select them.
 */
class SlaPolicyTableTest {

  private static final PolicyBook BOOK = PolicyBook.defaults();

  private static Instant local(LocalDateTime t) {
    return t.atZone(Calendars.ZONE).toInstant();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // rule / case                                   | category | lvl | complexity | remote |
        // clock start (local) | due (local)
        "K3 KN1 30 days; last day Wed 01/04             | KHIEU_NAI | 1 | NORMAL     | false | 2026-03-02T10:00 | 2026-04-02T00:00",
        "K3 KN1 30 days; last day Sun 15/03 -> Mon 16/03 | KHIEU_NAI | 1 | NORMAL     | false | 2026-02-13T09:00 | 2026-03-17T00:00",
        "K3 KN1 30 days; Tết inside counted             | KHIEU_NAI | 1 | NORMAL     | false | 2026-02-02T09:00 | 2026-03-05T00:00",
        "K3 KN1 complex 45 days; last day Sat 18/04 -> Mon 20/04 | KHIEU_NAI | 1 | COMPLEX | false | 2026-03-04T14:00 | 2026-04-21T00:00",
        "K3 KN1 especially complex = complex 45         | KHIEU_NAI | 1 | ESPECIALLY_COMPLEX | false | 2026-03-04T14:00 | 2026-04-21T00:00",
        "K3 KN1 remote 45 days; last day Thu 30/04 holiday -> Mon 04/05 | KHIEU_NAI | 1 | NORMAL | true | 2026-03-16T08:30 | 2026-05-05T00:00",
        "K3 KN1 remote+complex 60 days; last day Fri 01/05 holiday -> Mon 04/05 | KHIEU_NAI | 1 | COMPLEX | true | 2026-03-02T10:00 | 2026-05-05T00:00",
        "K4 KN2 45 days; last day Mon 27/04 compensatory -> Tue 28/04 | KHIEU_NAI | 2 | NORMAL | false | 2026-03-13T10:00 | 2026-04-29T00:00",
        "K4 KN2 complex 60 days                         | KHIEU_NAI | 2 | COMPLEX    | false | 2026-06-01T10:00 | 2026-08-01T00:00",
        "K4 KN2 remote 60 days; last day Tue 01/09 holiday -> Thu 03/09 | KHIEU_NAI | 2 | NORMAL | true | 2026-07-03T10:00 | 2026-09-04T00:00",
        "K4 KN2 remote+complex 70 days; last day Sun 12/07 -> Mon 13/07 | KHIEU_NAI | 2 | ESPECIALLY_COMPLEX | true | 2026-05-03T10:00 | 2026-07-14T00:00",
        "T3 TC 30 days from thụ lý                     | TO_CAO    |   | NORMAL     | false | 2026-03-02T10:00 | 2026-04-02T00:00",
        "T3 TC 30 days; last day 02/01 swapped off -> Mon 05/01 | TO_CAO | | COMPLEX | false | 2025-12-03T10:00 | 2026-01-06T00:00",
        "T3 TC 30 days; last day Sat 10/01 make-up day stays | TO_CAO | | NORMAL | false | 2025-12-11T10:00 | 2026-01-11T00:00",
        "T3 TC 2024: last day Mon 29/04 swapped off -> Thu 02/05 | TO_CAO | | NORMAL | false | 2024-03-30T10:00 | 2024-05-03T00:00"
      })
  void resolutionDueDates(
      String rule,
      Category category,
      Integer level,
      Complexity complexity,
      boolean remote,
      LocalDateTime acceptedAt,
      LocalDateTime due) {
    SlaPolicy policy = BOOK.select(category, level, acceptedAt.toLocalDate());
    assertThat(policy.resolutionDueAt(local(acceptedAt), complexity, remote))
        .as(rule)
        .isEqualTo(local(due));
    assertThat(policy.legalBasis(ClockType.RESOLUTION, complexity, remote))
        .as(rule)
        .containsAnyOf("Điều 28", "Điều 37", "Điều 30");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "K2 KN1 acceptance 10 days; last day Sun 15/03 -> Mon 16/03 | KHIEU_NAI | 1 | 2026-03-05T16:00 | 2026-03-17T00:00 | Điều 27",
        "K2 KN1 acceptance 10 days across Tết -> Mon 23/02          | KHIEU_NAI | 1 | 2026-02-06T16:00 | 2026-02-24T00:00 | Điều 27",
        "KN2 acceptance 10 days (Art 36, [U])                       | KHIEU_NAI | 2 | 2026-03-02T10:00 | 2026-03-13T00:00 | Điều 36",
        "T1 TC acceptance 7 working days across Tết ([U])           | TO_CAO    |   | 2026-02-12T10:00 | 2026-03-03T00:00 | Điều 24",
        "H1 PAKN acknowledge 8 working hours (iHanoi)               | PHAN_ANH  |   | 2026-02-13T15:00 | 2026-02-23T15:00 | 1207",
        "H1 KIEN_NGHI acknowledge 8 working hours                   | KIEN_NGHI |   | 2026-01-09T10:00 | 2026-01-10T10:00 | 1207"
      })
  void acceptanceDueDates(
      String rule,
      Category category,
      Integer level,
      LocalDateTime receivedAt,
      LocalDateTime due,
      String article) {
    SlaPolicy policy = BOOK.select(category, level, receivedAt.toLocalDate());
    assertThat(policy.acceptanceDueAt(local(receivedAt))).as(rule).contains(local(due));
    assertThat(policy.legalBasis(ClockType.ACCEPTANCE, Complexity.NORMAL, false))
        .as(rule)
        .contains(article);
  }

  /**
   * T3: extensions by written decision — complex once, especially complex twice, each at most 30
   * days.
   */
  @ParameterizedTest(name = "[{index}] {0}: at most {1} extension(s)")
  @CsvSource({"NORMAL, 0", "COMPLEX, 1", "ESPECIALLY_COMPLEX, 2"})
  void toCaoExtensions(Complexity complexity, int maxCount) {
    SlaPolicy policy = BOOK.select(Category.TO_CAO, null, LocalDate.of(2026, 3, 2));
    ExtensionRule ext = policy.extensions();
    assertThat(ext.maxCount(complexity)).isEqualTo(maxCount);
    assertThat(ext.requiresDecisionNumber()).isTrue();
    assertThat(ext.legalBasis()).contains("Điều 30");
    if (maxCount > 0) {
      assertThat(ext.maxEach(complexity)).contains(Period.calendarDays(30));
      assertThat(
              ext.rejectionReason(complexity, maxCount - 1, Period.calendarDays(30), "12/QĐ-UBND"))
          .isEmpty();
      assertThat(ext.rejectionReason(complexity, maxCount, Period.calendarDays(30), "12/QĐ-UBND"))
          .hasValueSatisfying(r -> assertThat(r).contains("at most " + maxCount));
      assertThat(ext.rejectionReason(complexity, 0, Period.calendarDays(31), "12/QĐ-UBND"))
          .hasValueSatisfying(r -> assertThat(r).contains("at most 30 CALENDAR_DAYS"));
      assertThat(ext.rejectionReason(complexity, 0, Period.calendarDays(30), " "))
          .hasValueSatisfying(r -> assertThat(r).contains("written decision"));
    } else {
      assertThat(ext.rejectionReason(complexity, 0, Period.calendarDays(10), "12/QĐ-UBND"))
          .hasValueSatisfying(r -> assertThat(r).contains("no extension"));
    }
  }

  /**
   * T3 with extensions chained from the previous due instant: thụ lý Mon 02/03/2026 → 24:00 Wed
   * 01/04; + 30 days → last day Fri 01/05 (holiday) → Mon 04/05; + 30 days from there → Wed 03/06.
   */
  @Test
  void extensionsChainFromTheDueDate() {
    SlaPolicy policy = BOOK.select(Category.TO_CAO, null, LocalDate.of(2026, 3, 2));
    Instant due =
        policy.resolutionDueAt(
            local(LocalDateTime.of(2026, 3, 2, 10, 0)), Complexity.ESPECIALLY_COMPLEX, false);
    assertThat(due).isEqualTo(local(LocalDateTime.of(2026, 4, 2, 0, 0)));
    Instant first =
        DeadlineArithmetic.dueAt(
            due,
            policy.extensions().maxEach(Complexity.ESPECIALLY_COMPLEX).orElseThrow(),
            policy.calendar());
    assertThat(first).isEqualTo(local(LocalDateTime.of(2026, 5, 5, 0, 0)));
    Instant second = DeadlineArithmetic.dueAt(first, Period.calendarDays(30), policy.calendar());
    assertThat(second).isEqualTo(local(LocalDateTime.of(2026, 6, 4, 0, 0)));
  }
}
