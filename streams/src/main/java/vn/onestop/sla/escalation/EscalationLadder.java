package vn.onestop.sla.escalation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.ClockKind;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.WorkingCalendar;
import vn.onestop.sla.cases.StateCopies;
import vn.onestop.sla.cases.StateFields;
import vn.onestop.sla.policy.EscalationSteps;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.policy.SlaPolicy;
import vn.onestop.sla.policy.WarningRule;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;

/**
 * The escalation ladder of the active clock of a case (docs/design.md, Escalation). Pure and
 * deterministic: which alerts exist and when they are due depends only on the case state and the
 * policy; who receives them is looked up in the {@link OrgDirectory} when they fire, in the version
 * of the directory in force at their {@code decidedAt}.
 *
 * <p>Steps, for the clock's due instant D on the clock's working calendar (the handling unit's or
 * the policy's, chosen when the clock started) (all policy choices, not law — no statute sets
 * internal warnings or escalation; the periods themselves are legal):
 *
 * <ol>
 *   <li>WARNING (level 0) to the handling unit for each of the policy's {@link WarningRule}s
 *       (default 75 % of the time from the clock start to D, and 24:00 of the working day before
 *       the last day), rule id {@code <policy>-<CLOCK>/<warning id>}. A warning that would fall
 *       before the instant the due instant was last set (resumption, extension) is not emitted: it
 *       would be decided in the past.
 *   <li>BREACH (level 1) to the head of the handling unit at D, rule {@code .../breach}.
 *   <li>ESCALATION level 2 to the head of the parent unit at {@link EscalationSteps#level2At}
 *       (default 3 working days after D), rule {@code .../escalate-2}.
 *   <li>ESCALATION level 3 to the head of the top unit (root of the parent chain) at {@link
 *       EscalationSteps#level3At} (default 5 more working days), rule {@code .../escalate-3}.
 * </ol>
 *
 * Recipients follow {@link RecipientResolver} (a head the case is about is skipped; a level whose
 * unit equals the previous level's still fires once, to the same recipient).
 *
 * <p>Exactly once: an alert's id is a name-based UUID of (case id, clock, rule id, level, D) and
 * the state records every emitted id, so the same step for the same deadline is never emitted
 * twice, while a new deadline (extension, resumption, new clock) arms the steps again. A closed or
 * resolved case (no clock) and a suspended clock have no pending alert.
 *
 * <p>Thread-safe (immutable).
 */
public final class EscalationLadder {

  /** Rule step id of the breach alert. */
  public static final String BREACH = "breach";

  /** Rule step id prefix of escalation alerts ({@code escalate-2}, {@code escalate-3}). */
  public static final String ESCALATE = "escalate-";

  private final PolicyBook policies;
  private final CalendarBook calendars;

  /**
   * A ladder on the bundled calendars ({@link CalendarBook#standard()}).
   *
   * @param policies the SLA policies (warnings and escalation steps per policy)
   * @throws NullPointerException if policies is null
   */
  public EscalationLadder(PolicyBook policies) {
    this(policies, CalendarBook.standard());
  }

  /**
   * @param policies the SLA policies (warnings and escalation steps per policy)
   * @param calendars the working calendars the clocks name
   * @throws NullPointerException if an argument is null
   */
  public EscalationLadder(PolicyBook policies, CalendarBook calendars) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
  }

  /**
   * Every not yet emitted alert of the active clock, in due order (ties: lower level first, then
   * rule id).
   *
   * @param s a case state
   * @return the pending alerts; empty when no clock runs (closed, resolved, suspended, no due date)
   * @throws IllegalStateException if the state names a policy the book does not contain
   */
  public List<PendingAlert> pending(CaseState s) {
    return pending(s, null, Integer.MAX_VALUE);
  }

  /**
   * The steps of the active clock, in due order, not yet emitted, due at or before {@code upTo}
   * (null: any), at most {@code limit}. An alert id (a digest) is computed only for a step that is
   * looked at: the earlier steps, already emitted, and those returned.
   */
  private List<PendingAlert> pending(CaseState s, Instant upTo, int limit) {
    Objects.requireNonNull(s, "state");
    if (!StateFields.clockRunning(s)) {
      return List.of();
    }
    ActiveClock c = s.getClock();
    Instant due = c.getDueAt();
    List<Step> steps = steps(s);
    List<String> emitted = s.getEmittedAlertKeys(); // a few ids: a list scan beats a hash set
    List<PendingAlert> out = new ArrayList<>(Math.min(limit, steps.size()));
    String clock = c.getKind().name();
    IdMemo ids = IdMemo.of(s.getCaseId(), clock, due);
    for (Step st : steps) {
      if (out.size() >= limit || (upTo != null && st.at().isAfter(upTo))) {
        break;
      }
      String id = ids.id(st.ruleId(), st.level());
      if (!emitted.contains(id)) {
        out.add(new PendingAlert(st.at(), st.kind(), st.level(), st.ruleId(), id));
      }
    }
    return out;
  }

  /**
   * The alert ids of the last clock this thread looked at. One input event evaluates the ladder of
   * the same clock up to three times (the stored case's next due instant, the firing, the result's
   * next due instant), and each evaluation needs the ids of the steps already emitted; a digest per
   * id per evaluation was a tenth of the engine step (docs/benchmarks.md, item 7). A pure cache: an
   * id depends only on (case, clock, rule, level, deadline), so a stale entry cannot be returned
   * for another clock; thread-confined, so no locking.
   */
  private static final class IdMemo {
    private static final ThreadLocal<IdMemo> CURRENT = ThreadLocal.withInitial(IdMemo::new);

    private String caseId;
    private String clock;
    private Instant due;
    // a clock has a handful of steps: parallel lists scanned with String.equals (the rule ids are
    // built anew at each evaluation, so a hash lookup would hash them every time)
    private final List<String> rules = new ArrayList<>(8);
    private final List<Integer> levels = new ArrayList<>(8);
    private final List<String> ids = new ArrayList<>(8);

    static IdMemo of(String caseId, String clock, Instant due) {
      IdMemo m = CURRENT.get();
      if (!(caseId.equals(m.caseId) && clock.equals(m.clock) && due.equals(m.due))) {
        m.caseId = caseId;
        m.clock = clock;
        m.due = due;
        m.rules.clear();
        m.levels.clear();
        m.ids.clear();
      }
      return m;
    }

    String id(String ruleId, int level) {
      for (int i = 0; i < rules.size(); i++) {
        if (levels.get(i) == level && rules.get(i).equals(ruleId)) {
          return ids.get(i);
        }
      }
      String id = alertId(caseId, clock, ruleId, level, due);
      rules.add(ruleId);
      levels.add(level);
      ids.add(id);
      return id;
    }
  }

  /**
   * The steps of the state's clock (which must have a due instant), in due order; an unmodifiable
   * list, shared with the next call for the same clock.
   */
  private List<Step> steps(CaseState s) {
    return StepsMemo.steps(this, s);
  }

  /**
   * The steps of the last clock this thread looked at. The instants of a ladder depend only on the
   * ladder's books (policies and calendars, by identity) and on the clock's policy, calendar, kind,
   * start, due and armed instants; one input event evaluates the ladder of the same clock two or
   * three times (the firing, the next due instant of the result, the KPI view), and the working-day
   * arithmetic of each evaluation was over a third of the offline replay (docs/benchmarks.md, item
   * 9). A pure cache: every input of the steps is part of the key, so a stale entry is never
   * returned; thread-confined, so no locking.
   */
  private static final class StepsMemo {
    private static final ThreadLocal<StepsMemo> CURRENT = ThreadLocal.withInitial(StepsMemo::new);

    private PolicyBook policies;
    private CalendarBook calendars;
    private String policyId;
    private String calendarId;
    private CaseClockKind kind;
    private Instant startedAt;
    private Instant dueAt;
    private Instant armedAt;
    private List<Step> steps;

    static List<Step> steps(EscalationLadder ladder, CaseState s) {
      StepsMemo m = CURRENT.get();
      ActiveClock c = s.getClock();
      if (m.policies == ladder.policies
          && m.calendars == ladder.calendars
          && c.getKind() == m.kind
          && c.getDueAt().equals(m.dueAt)
          && Objects.equals(c.getStartedAt(), m.startedAt)
          && Objects.equals(c.getArmedAt(), m.armedAt)
          && s.getPolicyId().equals(m.policyId)
          && c.getCalendarId().equals(m.calendarId)) {
        return m.steps;
      }
      List<Step> steps = ladder.computeSteps(s);
      m.policies = ladder.policies;
      m.calendars = ladder.calendars;
      m.policyId = s.getPolicyId();
      m.calendarId = c.getCalendarId();
      m.kind = c.getKind();
      m.startedAt = c.getStartedAt();
      m.dueAt = c.getDueAt();
      m.armedAt = c.getArmedAt();
      m.steps = steps;
      return steps;
    }
  }

  private List<Step> computeSteps(CaseState s) {
    ActiveClock c = s.getClock();
    SlaPolicy policy = policy(s);
    WorkingCalendar cal = calendars.get(c.getCalendarId());
    Instant due = c.getDueAt();
    String base = policy.policyId() + "-" + c.getKind().name() + "/";
    List<Step> steps = new ArrayList<>(policy.warnings().size() + 3);
    for (WarningRule w : policy.warnings()) {
      w.firesAt(c.getStartedAt(), due, cal)
          .filter(at -> !at.isBefore(c.getArmedAt()))
          .ifPresent(at -> steps.add(new Step(at, AlertKind.WARNING, 0, base + w.id())));
    }
    EscalationSteps esc = policy.escalation();
    steps.add(new Step(due, AlertKind.BREACH, 1, base + BREACH));
    steps.add(new Step(esc.level2At(due, cal), AlertKind.ESCALATION, 2, base + ESCALATE + 2));
    steps.add(new Step(esc.level3At(due, cal), AlertKind.ESCALATION, 3, base + ESCALATE + 3));
    steps.sort(STEP_ORDER);
    return Collections.unmodifiableList(steps);
  }

  /**
   * The latest alert already emitted for the case's current clock, from the state alone (the alert
   * ids it records and the ladder's instants): what a cockpit shows as the case's last alert
   * however long ago it fired. Also while the clock is suspended (the ladder of the due instant it
   * was paused with).
   *
   * @param s a case state
   * @return the emitted step of the current clock that became due last, with its id, kind, level
   *     and due instant (its {@code decidedAt}); empty when no clock has a due instant or none of
   *     its steps was emitted
   * @throws IllegalStateException if the state names a policy the book does not contain
   */
  public Optional<PendingAlert> lastEmitted(CaseState s) {
    Objects.requireNonNull(s, "state");
    ActiveClock c = s.getClock();
    List<String> emitted = s.getEmittedAlertKeys();
    if (c == null || c.getDueAt() == null || emitted.isEmpty()) {
      return Optional.empty();
    }
    IdMemo ids = IdMemo.of(s.getCaseId(), c.getKind().name(), c.getDueAt());
    PendingAlert last = null;
    for (Step st : steps(s)) {
      String id = ids.id(st.ruleId(), st.level());
      if (emitted.contains(id)) {
        last = new PendingAlert(st.at(), st.kind(), st.level(), st.ruleId(), id);
      }
    }
    return Optional.ofNullable(last);
  }

  /** A step of the ladder before its id is known. */
  private record Step(Instant at, AlertKind kind, int level, String ruleId) {}

  private static final Comparator<Step> STEP_ORDER =
      Comparator.comparing(Step::at).thenComparingInt(Step::level).thenComparing(Step::ruleId);

  /**
   * The next instant at which an alert of this case becomes due.
   *
   * @param s a case state
   * @return the earliest pending alert instant, empty when none is pending (closed, resolved,
   *     suspended, or every step already emitted)
   * @throws IllegalStateException if the state names a policy the book does not contain
   */
  public Optional<Instant> nextDueAt(CaseState s) {
    List<PendingAlert> p = pending(s, null, 1);
    return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0).at());
  }

  /**
   * Emits every pending alert due at or before {@code upTo}, in due order, each with {@code
   * decidedAt} = the instant it became due (not {@code upTo}), addressed through the org directory
   * as it stood at that {@code decidedAt} (the version of each unit in force then, {@link
   * OrgDirectory}), and records them in the returned state. Calling it again with the same or an
   * earlier {@code upTo} emits nothing; firing in one call or in many smaller steps gives the same
   * alerts.
   *
   * @param s a case state
   * @param upTo stream time (UTC instant)
   * @param org the org directory, read at each alert's decidedAt
   * @return the new state and the alerts (the input state itself when none fired)
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the state names a policy the book does not contain
   */
  public Fired fire(CaseState s, Instant upTo, OrgDirectory org) {
    Objects.requireNonNull(upTo, "upTo");
    Objects.requireNonNull(org, "org");
    List<PendingAlert> due = pending(s, upTo, Integer.MAX_VALUE);
    if (due.isEmpty()) {
      return new Fired(s, List.of());
    }
    RecipientResolver resolver = new RecipientResolver(org);
    ActiveClock c = s.getClock();
    List<CaseAlert> alerts = new ArrayList<>(due.size());
    List<String> keys = new ArrayList<>(s.getEmittedAlertKeys());
    int level = s.getEscalationLevel();
    for (PendingAlert p : due) {
      Recipient r =
          resolver.resolve(
              s.getUnitId(), p.level(), s.getSubjectOfficialId(), s.getOfficerId(), p.at());
      alerts.add(
          CaseAlert.newBuilder()
              .setAlertId(p.alertId())
              .setCaseId(s.getCaseId())
              .setUnitId(s.getUnitId())
              .setRecipientUnitId(r.unitId())
              .setRecipientOfficialId(r.officialId())
              .setKind(p.kind())
              .setLevel(p.level())
              .setClock(clockKind(c))
              .setCategory(StateFields.category(s))
              .setRuleId(p.ruleId())
              .setPolicyId(s.getPolicyId())
              .setLegalBasis(c.getLegalBasis())
              .setDeadline(c.getDueAt())
              .setDecidedAt(p.at())
              .build());
      keys.add(p.alertId());
      level = Math.max(level, p.level());
    }
    CaseState next = StateCopies.copy(s);
    next.setEmittedAlertKeys(keys);
    next.setEscalationLevel(level);
    return new Fired(next, alerts);
  }

  /**
   * Deterministic alert id: a name-based (MD5, version 3) UUID of {@code
   * caseId|clock|ruleId|level|deadline-epoch-millis}.
   *
   * @param caseId case id
   * @param clock clock kind name
   * @param ruleId rule id
   * @param level alert level
   * @param deadline due instant of the clock
   * @return the id, e.g. {@code 3f2b...-...}
   */
  public static String alertId(
      String caseId, String clock, String ruleId, int level, Instant deadline) {
    String name = caseId + "|" + clock + "|" + ruleId + "|" + level + "|" + deadline.toEpochMilli();
    // The same bits as UUID.nameUUIDFromBytes, with a digest kept per thread instead of a provider
    // lookup per id.
    byte[] md5 = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
    md5[6] &= 0x0f;
    md5[6] |= 0x30; // version 3
    md5[8] &= 0x3f;
    md5[8] |= (byte) 0x80; // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (md5[i] & 0xff);
      lsb = (lsb << 8) | (md5[i + 8] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("MD5 is a required JDK digest", e);
            }
          });

  private static ClockKind clockKind(ActiveClock c) {
    return switch (c.getKind()) {
      case ACCEPTANCE -> ClockKind.ACCEPTANCE;
      case RESOLUTION -> ClockKind.RESOLUTION;
      default -> ClockKind.UNKNOWN;
    };
  }

  private SlaPolicy policy(CaseState s) {
    return policies.inUse(s.getPolicyId(), s.getCaseId());
  }
}
