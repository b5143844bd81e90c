package vn.onestop.sla.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.SourceStatus;
import vn.onestop.sla.calendar.WorkingCalendar;

/**
 * One effective-dated SLA policy: the clocks, extensions, warnings and escalation steps for one
 * category (and complaint level) of cases <em>filed</em> on a date in {@code [effectiveFrom,
 * effectiveTo)} (local dates in Asia/Ho_Chi_Minh). Built by {@link PolicyBook}; immutable.
 *
 * @param policyId unique id, e.g. "KN1-2011"
 * @param description one line for humans
 * @param category the category it applies to
 * @param complaintLevel 1 or 2 for {@link Category#KHIEU_NAI}, otherwise empty
 * @param effectiveFrom first filing date it applies to (inclusive)
 * @param effectiveTo first filing date it no longer applies to (exclusive), empty = open-ended
 * @param legalBasis the law as a whole, e.g. "Luật Khiếu nại 2011 (02/2011/QH13)"
 * @param status how well the policy is sourced
 * @param acceptance the acceptance clock, empty when there is none
 * @param resolutionRules resolution periods by complexity and remote area (empty if
 *     dueDateFromSource)
 * @param dueDateFromSource true when the due date comes from the imported record
 *     ("SOURCE_PROVIDED")
 * @param extensions the extension rule
 * @param warnings warning rules
 * @param escalation escalation steps
 * @param calendarId id of the working calendar ({@link Calendars#get})
 * @param testOnly true for test policies, never returned by {@link PolicyBook#select}
 */
public record SlaPolicy(
    String policyId,
    String description,
    Category category,
    Optional<Integer> complaintLevel,
    LocalDate effectiveFrom,
    Optional<LocalDate> effectiveTo,
    String legalBasis,
    SourceStatus status,
    Optional<ClockRule> acceptance,
    List<ResolutionRule> resolutionRules,
    boolean dueDateFromSource,
    ExtensionRule extensions,
    List<WarningRule> warnings,
    EscalationSteps escalation,
    String calendarId,
    boolean testOnly) {

  /**
   * @throws NullPointerException if a component is null
   */
  public SlaPolicy {
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(effectiveTo, "effectiveTo");
    Objects.requireNonNull(acceptance, "acceptance");
    Objects.requireNonNull(complaintLevel, "complaintLevel");
    resolutionRules = List.copyOf(resolutionRules);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(extensions, "extensions");
    Objects.requireNonNull(escalation, "escalation");
    Objects.requireNonNull(calendarId, "calendarId");
  }

  /**
   * @return the acceptance period (receipt → thụ lý), empty if this category has no acceptance
   *     clock
   */
  public Optional<Period> acceptancePeriod() {
    return acceptance.map(ClockRule::period);
  }

  /**
   * @param complexity the case's complexity
   * @param remoteArea whether the case is in a remote / difficult-travel area (khiếu nại only)
   * @return the matching rule (first in file order)
   * @throws IllegalStateException for a source-provided policy, or if no rule matches (prevented at
   *     load)
   */
  public ResolutionRule resolutionRule(Complexity complexity, boolean remoteArea) {
    if (dueDateFromSource) {
      throw new IllegalStateException(
          "policy " + policyId + " takes the due date from the source record");
    }
    return resolutionRules.stream()
        .filter(r -> r.matches(complexity, remoteArea))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "policy "
                        + policyId
                        + " has no resolution rule for "
                        + complexity
                        + (remoteArea ? " in a remote area" : "")));
  }

  /**
   * @param complexity the case's complexity
   * @param remoteArea whether the case is in a remote area
   * @return the resolution period (thụ lý → decision)
   * @throws IllegalStateException for a source-provided policy
   */
  public Period resolutionPeriod(Complexity complexity, boolean remoteArea) {
    return resolutionRule(complexity, remoteArea).clock().period();
  }

  /**
   * The law and article of a clock.
   *
   * @param clock which clock
   * @param complexity the case's complexity (resolution only)
   * @param remoteArea remote area flag (resolution only)
   * @return e.g. "Luật Khiếu nại 2011, Điều 28"; for a missing acceptance clock or a
   *     source-provided due date, the policy's overall basis
   */
  public String legalBasis(ClockType clock, Complexity complexity, boolean remoteArea) {
    if (clock == ClockType.ACCEPTANCE) {
      return acceptance.map(ClockRule::legalBasis).orElse(legalBasis);
    }
    return dueDateFromSource
        ? legalBasis
        : resolutionRule(complexity, remoteArea).clock().legalBasis();
  }

  /**
   * @return the working calendar named by {@link #calendarId()}
   */
  public WorkingCalendar calendar() {
    return Calendars.get(calendarId);
  }

  /**
   * @param receivedAt receipt of the submission
   * @return the acceptance due instant, empty if there is no acceptance clock
   */
  public Optional<Instant> acceptanceDueAt(Instant receivedAt) {
    return acceptancePeriod().map(p -> DeadlineArithmetic.dueAt(receivedAt, p, calendar()));
  }

  /**
   * @param acceptedAt the thụ lý instant
   * @param complexity the case's complexity
   * @param remoteArea remote area flag
   * @return the resolution due instant per Civil Code arts. 147–148 on this policy's calendar
   * @throws IllegalStateException for a source-provided policy
   */
  public Instant resolutionDueAt(Instant acceptedAt, Complexity complexity, boolean remoteArea) {
    return DeadlineArithmetic.dueAt(
        acceptedAt, resolutionPeriod(complexity, remoteArea), calendar());
  }

  /**
   * @param filedOn filing date (Asia/Ho_Chi_Minh)
   * @return true if that date lies in {@code [effectiveFrom, effectiveTo)}
   */
  public boolean inForceOn(LocalDate filedOn) {
    return !filedOn.isBefore(effectiveFrom) && effectiveTo.map(filedOn::isBefore).orElse(true);
  }
}
