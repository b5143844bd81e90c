package vn.onestop.sla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.UnitHead;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.engine.Refusal;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.escalation.PendingAlert;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.testkit.TestPolicies;

/**
 * Given/when/then fixture in virtual time, with staged types after Axon's deadline fixtures: it
 * drives the engine step {@link CaseEngine} (the one the processor runs), so it follows the
 * engine's firing rule — an event at t, or time elapsing to t, fires what is due before t (up to t
 * − 1 ms): to see the breach due at D, let time elapse past D.
 *
 * <p>The stages: {@link #given} (or {@link #givenNoPriorActivity}) returns a {@link When}, whose
 * {@code when}/{@code whenTimeElapsesTo} return a {@link Then} carrying the expectations; a {@link
 * Then} may continue the story ({@code andWhen}, {@code andWhenTimeElapsesTo}, {@code andGiven}).
 * An expectation cannot be written before its action, and a history event that the state machine
 * refuses fails the test at once.
 *
 * <pre>
 * fixture.given(ev.submittedKn1(...), ev.accepted(...))
 *        .whenTimeElapsesTo(CaseScript.at("2026-04-07T00:00"))
 *        .expectAlertRules("KN1-2011-RESOLUTION/warn-75pct", ...);
 * </pre>
 *
 * The default org chart: U-CITY (top, head H-CITY) &lt;- U-DISTRICT (head H-DIST, deputy D-DIST)
 * &lt;- U-WARD (head H-WARD, deputy D-WARD); U-OTHER (head H-OTHER) under U-DISTRICT; U-NODEP (head
 * H-NODEP, no deputy) under U-DISTRICT. The map is mutable ({@link #org(String)} and {@link
 * #putUnit}) so tests can change the chart between alerts.
 */
public final class CaseFixture {

  /** The bundled policies and the test-only ones ({@link TestPolicies}). */
  public static final PolicyBook BOOK = TestPolicies.BOOK;

  private final EscalationLadder ladder = new EscalationLadder(BOOK);
  private final Map<String, OrgUnit> units = new LinkedHashMap<>();
  private final OrgDirectory org = OrgDirectory.of(units);
  private final CaseEngine engine = new CaseEngine(BOOK, CalendarBook.standard(), org);
  private final List<CaseAlert> allAlerts = new ArrayList<>();
  private CaseState state;
  private EngineStep lastStep;
  private List<CaseAlert> lastAlerts = List.of();

  /** A fixture with the default org chart and no case. */
  public CaseFixture() {
    putUnit("U-CITY", null, 0, "H-CITY", null);
    putUnit("U-DISTRICT", "U-CITY", 1, "H-DIST", "D-DIST");
    putUnit("U-WARD", "U-DISTRICT", 2, "H-WARD", "D-WARD");
    putUnit("U-OTHER", "U-DISTRICT", 2, "H-OTHER", null);
    putUnit("U-NODEP", "U-DISTRICT", 2, "H-NODEP", null);
  }

  /**
   * Adds or replaces a unit of the org chart.
   *
   * @return this
   */
  public CaseFixture putUnit(String id, String parent, int level, String head, String deputy) {
    units.put(id, unit(id, parent, level, head, deputy, Instant.EPOCH));
    return this;
  }

  /**
   * Adds a dated version of a unit (key {@code id|validFrom}), next to the version of {@link
   * #putUnit} (valid since always) and other dated ones; alerts use the version in force at their
   * decidedAt.
   *
   * @param validFrom UTC instant from which the version is in force (inclusive)
   * @return this
   */
  public CaseFixture putUnitFrom(
      Instant validFrom, String id, String parent, int level, String head, String deputy) {
    units.put(OrgUnitKeys.key(id, validFrom), unit(id, parent, level, head, deputy, validFrom));
    return this;
  }

  /**
   * Sets the working calendar of every version of a unit ({@code OrgUnit.calendarId}; the default
   * of the fixture's units is the civil-service calendar).
   *
   * @param id unit id
   * @param calendarId calendar id, e.g. {@code vn-one-stop-saturday-morning}
   * @return this
   */
  public CaseFixture unitCalendar(String id, String calendarId) {
    units.values().stream()
        .filter(u -> u.getUnitId().equals(id))
        .forEach(u -> u.setCalendarId(calendarId));
    return this;
  }

  /**
   * Removes every version of a unit (it is then unknown to the directory).
   *
   * @return this
   */
  public CaseFixture removeUnit(String id) {
    units.values().removeIf(u -> u.getUnitId().equals(id));
    return this;
  }

  private static OrgUnit unit(
      String id, String parent, int level, String head, String deputy, Instant validFrom) {
    return OrgUnit.newBuilder()
        .setUnitId(id)
        .setName("Đơn vị " + id)
        .setParentId(parent)
        .setLevel(level)
        .setHead(
            head == null
                ? null
                : UnitHead.newBuilder()
                    .setOfficialId(head)
                    .setName("Ông " + head)
                    .setContact(null)
                    .build())
        .setDeputyOfficialId(deputy)
        .setWebhookUrl(null)
        .setValidFrom(validFrom)
        .build();
  }

  /**
   * @return the directory over the fixture's org chart
   */
  public OrgDirectory org() {
    return org;
  }

  /**
   * @return the version of a unit valid since always ({@link #putUnit})
   */
  public OrgUnit org(String unitId) {
    return units.get(unitId);
  }

  /**
   * The case's history: events the state machine must all apply (alerts due before each are fired
   * on the way, as the processor does). History accumulates: {@code given()} with no event
   * continues from what earlier statements of the test wrote.
   *
   * @param events the history, in order
   * @return the when stage
   * @throws AssertionError when an event is not applied
   */
  public When given(CaseEvent... events) {
    for (CaseEvent e : events) {
      step(e);
      assertThat(lastStep.outcome())
          .as(
              "given event %s (%s)",
              e.getPayload().getClass().getSimpleName(), lastStep.refusal().map(Refusal::reason))
          .isEqualTo(EngineStep.Outcome.APPLIED);
    }
    return when;
  }

  /**
   * @return the when stage of a case that has no event yet
   * @throws AssertionError when this fixture already holds a case
   */
  public When givenNoPriorActivity() {
    assertThat(state).as("no prior activity").isNull();
    return when;
  }

  /** The action stage: one event, or virtual time advancing. */
  public interface When {
    /**
     * The engine step of the event at its occurredAt: fires alerts due before it, then decides.
     *
     * @param e the event under test
     * @return the expectations of that step
     */
    Then when(CaseEvent e);

    /**
     * Advances virtual time: fires everything due before {@code t} (the firing rule).
     *
     * @param t the new virtual time (UTC)
     * @return the expectations of that step
     */
    Then whenTimeElapsesTo(Instant t);

    /**
     * @param events more history (each must be applied)
     * @return this stage
     */
    When andGiven(CaseEvent... events);
  }

  /** The expectation stage of the last step; it may continue the story. */
  public interface Then {
    /** Asserts the last event was applied. */
    Then expectApplied();

    /** Asserts the last event was recognised as a duplicate. */
    Then expectDuplicate();

    /** Asserts the last event was valid and had no effect (an audit record). */
    Then expectIgnored();

    /**
     * Asserts the last event was refused with this code.
     *
     * @param code expected stable refusal code
     */
    Then expectRefused(RefusalCode code);

    /**
     * Asserts the last event was refused with this code, in this state.
     *
     * @param code expected stable refusal code
     * @param stateName expected state name of the refusal ({@code NONE}: no case yet)
     */
    Then expectRefused(RefusalCode code, String stateName);

    /** Runs assertions on the case state after the step. */
    Then expectState(Consumer<CaseState> check);

    /** Asserts the rule ids of the alerts the step emitted, in order. */
    Then expectAlertRules(String... ruleIds);

    /** Asserts the step emitted no alert. */
    Then expectNoAlerts();

    /** Runs assertions on the alerts the step emitted. */
    Then expectAlerts(Consumer<List<CaseAlert>> check);

    /**
     * Asserts the next instant an alert becomes due.
     *
     * @param dueAt expected instant (UTC), or null for none pending
     */
    Then expectNextDueAt(Instant dueAt);

    /**
     * Asserts the rule ids of the alerts still pending (not emitted), in due order.
     *
     * @param ruleIds expected rule ids
     */
    Then expectPendingAlerts(String... ruleIds);

    /** Next step: an event after the expectations of this one. */
    Then andWhen(CaseEvent e);

    /** Next step: virtual time advancing to {@code t}. */
    Then andWhenTimeElapsesTo(Instant t);

    /** More history (each must be applied) before the next action. */
    When andGiven(CaseEvent... events);
  }

  private final When when =
      new When() {
        @Override
        public Then when(CaseEvent e) {
          step(e);
          return then;
        }

        @Override
        public Then whenTimeElapsesTo(Instant t) {
          elapse(t);
          return then;
        }

        @Override
        public When andGiven(CaseEvent... events) {
          return given(events);
        }
      };

  private final Then then =
      new Then() {
        @Override
        public Then expectApplied() {
          assertThat(lastStep.outcome())
              .as("outcome (%s)", lastStep.refusal().map(Refusal::reason))
              .isEqualTo(EngineStep.Outcome.APPLIED);
          return this;
        }

        @Override
        public Then expectIgnored() {
          assertThat(lastStep.outcome()).isEqualTo(EngineStep.Outcome.IGNORED);
          return this;
        }

        @Override
        public Then expectDuplicate() {
          assertThat(lastStep.outcome()).isEqualTo(EngineStep.Outcome.DUPLICATE);
          return this;
        }

        @Override
        public Then expectRefused(RefusalCode code) {
          assertThat(lastStep.refusal())
              .as("refusal of the last event")
              .map(Refusal::code)
              .contains(code);
          return this;
        }

        @Override
        public Then expectRefused(RefusalCode code, String stateName) {
          expectRefused(code);
          assertThat(lastStep.refusal().get().stateName())
              .as("state of the refusal")
              .isEqualTo(stateName);
          return this;
        }

        @Override
        public Then expectState(Consumer<CaseState> check) {
          check.accept(state);
          return this;
        }

        @Override
        public Then expectAlertRules(String... ruleIds) {
          assertThat(lastAlerts).extracting(CaseAlert::getRuleId).containsExactly(ruleIds);
          return this;
        }

        @Override
        public Then expectNoAlerts() {
          assertThat(lastAlerts).isEmpty();
          return this;
        }

        @Override
        public Then expectAlerts(Consumer<List<CaseAlert>> check) {
          check.accept(lastAlerts);
          return this;
        }

        @Override
        public Then expectNextDueAt(Instant dueAt) {
          assertThat(nextDueAt()).as("next due instant").isEqualTo(dueAt);
          return this;
        }

        @Override
        public Then expectPendingAlerts(String... ruleIds) {
          List<PendingAlert> pending = state == null ? List.of() : ladder.pending(state);
          assertThat(pending).extracting(PendingAlert::ruleId).containsExactly(ruleIds);
          return this;
        }

        @Override
        public Then andWhen(CaseEvent e) {
          return when.when(e);
        }

        @Override
        public Then andWhenTimeElapsesTo(Instant t) {
          return when.whenTimeElapsesTo(t);
        }

        @Override
        public When andGiven(CaseEvent... events) {
          return given(events);
        }
      };

  private void step(CaseEvent e) {
    lastStep = engine.onEvent(state, e);
    if (lastStep.state() != null) {
      state = lastStep.state();
    }
    lastAlerts = lastStep.alerts();
    allAlerts.addAll(lastAlerts);
  }

  private void elapse(Instant t) {
    lastStep = engine.onTime(state, t);
    state = lastStep.state();
    lastAlerts = lastStep.alerts();
    allAlerts.addAll(lastAlerts);
  }

  /**
   * @return the next alert instant of the case, or null
   */
  public Instant nextDueAt() {
    return state == null ? null : engine.nextDueAt(state).orElse(null);
  }

  /**
   * @return current state (null before the first applied event)
   */
  public CaseState state() {
    return state;
  }

  /**
   * @return the last engine step
   */
  public EngineStep lastStep() {
    return lastStep;
  }

  /**
   * @return the alerts of the last step
   */
  public List<CaseAlert> lastAlerts() {
    return lastAlerts;
  }

  /**
   * @return every alert emitted so far
   */
  public List<CaseAlert> allAlerts() {
    return allAlerts;
  }
}
