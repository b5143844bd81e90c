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
import vn.onestop.schema.UnitHead;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.escalation.Fired;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.testkit.TestPolicies;

/**
 * Given/when/then fixture in virtual time (after Axon's deadline fixtures): it drives {@link
 * CaseDecider} and {@link EscalationLadder} the way the processor does — before each event at time
 * t it fires every alert due at or before t, then decides the event.
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

  private final CaseDecider decider = new CaseDecider(BOOK);
  private final EscalationLadder ladder = new EscalationLadder(BOOK);
  private final Map<String, OrgUnit> units = new LinkedHashMap<>();
  private final OrgDirectory org = OrgDirectory.of(units);
  private final List<CaseAlert> allAlerts = new ArrayList<>();
  private CaseState state;
  private Decision lastDecision;
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
    units.put(
        id,
        OrgUnit.newBuilder()
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
            .build());
    return this;
  }

  /**
   * @return the directory over the fixture's org chart
   */
  public OrgDirectory org() {
    return org;
  }

  /**
   * @return a unit of the chart
   */
  public OrgUnit org(String unitId) {
    return units.get(unitId);
  }

  /**
   * Applies events that must all be accepted by the state machine (alerts due before each are
   * fired).
   *
   * @return this
   */
  public CaseFixture given(CaseEvent... events) {
    for (CaseEvent e : events) {
      when(e);
      assertThat(lastDecision)
          .as("given event %s", e.getPayload().getClass().getSimpleName())
          .isInstanceOf(Decision.Applied.class);
    }
    return this;
  }

  /**
   * Fires alerts due up to the event's time, then decides the event.
   *
   * @return this
   */
  public CaseFixture when(CaseEvent e) {
    List<CaseAlert> fired = new ArrayList<>();
    if (state != null) {
      Fired f = ladder.fire(state, e.getOccurredAt(), org);
      state = f.state();
      fired.addAll(f.alerts());
    }
    lastDecision = decider.decide(state, e, org);
    if (lastDecision instanceof Decision.Applied a) {
      state = a.state();
    }
    allAlerts.addAll(fired);
    lastAlerts = fired;
    return this;
  }

  /**
   * Advances virtual time: fires everything due at or before {@code t}.
   *
   * @return this
   */
  public CaseFixture whenTimeElapsesTo(Instant t) {
    Fired f = ladder.fire(state, t, org);
    state = f.state();
    lastAlerts = f.alerts();
    allAlerts.addAll(f.alerts());
    return this;
  }

  /**
   * @return this, after asserting the last event was applied
   */
  public CaseFixture expectApplied() {
    assertThat(lastDecision).isInstanceOf(Decision.Applied.class);
    return this;
  }

  /**
   * @return this, after asserting the last event was a duplicate
   */
  public CaseFixture expectDuplicate() {
    assertThat(lastDecision).isInstanceOf(Decision.Duplicate.class);
    return this;
  }

  /**
   * Asserts the last event was refused.
   *
   * @param stateName expected state name in the rejection
   * @param reasonParts substrings the reason must contain
   * @return this
   */
  public CaseFixture expectRejected(String stateName, String... reasonParts) {
    assertThat(lastDecision).isInstanceOf(Decision.Rejected.class);
    Decision.Rejected r = (Decision.Rejected) lastDecision;
    assertThat(r.stateName()).isEqualTo(stateName);
    assertThat(r.reason()).contains(reasonParts);
    return this;
  }

  /**
   * @return this, after running assertions on the state
   */
  public CaseFixture expectState(Consumer<CaseState> check) {
    check.accept(state);
    return this;
  }

  /** Asserts the rule ids of the alerts emitted by the last step, in order. */
  public CaseFixture expectAlertRules(String... ruleIds) {
    assertThat(lastAlerts).extracting(CaseAlert::getRuleId).containsExactly(ruleIds);
    return this;
  }

  /** Asserts the last step emitted no alert. */
  public CaseFixture expectNoAlerts() {
    assertThat(lastAlerts).isEmpty();
    return this;
  }

  /**
   * @return this, after running assertions on the alerts of the last step
   */
  public CaseFixture expectAlerts(Consumer<List<CaseAlert>> check) {
    check.accept(lastAlerts);
    return this;
  }

  /**
   * @return the next alert instant of the case, or null
   */
  public Instant nextDueAt() {
    return ladder.nextDueAt(state, org).orElse(null);
  }

  /**
   * @return current state (null before the first applied event)
   */
  public CaseState state() {
    return state;
  }

  /**
   * @return the last decision
   */
  public Decision lastDecision() {
    return lastDecision;
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
