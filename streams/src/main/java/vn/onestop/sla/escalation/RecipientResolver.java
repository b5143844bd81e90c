package vn.onestop.sla.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.schema.OrgChain;
import vn.onestop.schema.OrgUnit;

/**
 * Resolves the recipient of an alert of a given level from the org directory as it stood at the
 * alert's {@code decidedAt} (docs/design.md, Escalation): every unit of the walk — the handling
 * unit, its parent, the top — is taken in the version in force at that instant ({@link
 * OrgDirectory#unit}), so a head replaced on 1 March receives the alerts decided before that day
 * and his successor those decided from it, whenever the engine or a replay computes them.
 *
 * <p>Nominal unit per level: warnings (0) and breach (1) go to the handling unit; level 2 to its
 * parent; level 3 to the top unit (root of the parent chain). When a unit has no parent, or is
 * unknown to the directory, the nominal unit of a level is the one of the level below, so the alert
 * still fires once with the same recipient (e.g. a case handled by the top unit gets levels 1, 2
 * and 3 all addressed to it).
 *
 * <p>Eligible official of a unit (documented policy choice):
 *
 * <ol>
 *   <li>the head, unless the head is the official the case is about ({@code subjectOfficialId});
 *   <li>otherwise the unit's deputy ({@code deputyOfficialId}), unless the deputy is also the
 *       subject;
 *   <li>if the head was skipped because he is the subject and no deputy qualifies, the alert moves
 *       to the next unit up and the rule is applied again there (a conflict of interest must not
 *       leave the alert with the person it is about); at the top with nobody eligible, the top unit
 *       receives it with no official;
 *   <li>a vacant head with no deputy is not a conflict: the unit receives the alert with no
 *       official.
 * </ol>
 *
 * Warnings (level 0) go to the assigned case officer when there is one (he must act), else as
 * above.
 */
public final class RecipientResolver {

  private final OrgDirectory org;

  /**
   * @param org directory read at each call
   */
  public RecipientResolver(OrgDirectory org) {
    this.org = Objects.requireNonNull(org, "org");
  }

  /**
   * @param handlingUnitId current handling unit of the case
   * @param level 0 (warning), 1 (breach), 2 (parent unit), 3 (top unit); above 3 treated as 3
   * @param subjectOfficialId official the case is about, or null
   * @param officerId assigned case officer, or null
   * @param decidedAt the alert's decided-at instant (UTC): the directory is read as it stood then
   * @return the recipient, never null
   * @throws NullPointerException if handlingUnitId or decidedAt is null
   */
  public Recipient resolve(
      String handlingUnitId,
      int level,
      String subjectOfficialId,
      String officerId,
      Instant decidedAt) {
    Objects.requireNonNull(handlingUnitId, "handlingUnitId");
    Objects.requireNonNull(decidedAt, "decidedAt");
    if (level == 0 && officerId != null && !officerId.equals(subjectOfficialId)) {
      return new Recipient(handlingUnitId, officerId);
    }
    String nominal = nominalUnit(handlingUnitId, level, decidedAt);
    return eligible(nominal, subjectOfficialId, decidedAt);
  }

  /**
   * @param handlingUnitId handling unit
   * @param level alert level
   * @param at instant (UTC) whose parent chain is walked
   * @return the unit whose head the level addresses before any skipping
   */
  public String nominalUnit(String handlingUnitId, int level, Instant at) {
    if (level <= 1) {
      return handlingUnitId;
    }
    List<String> chain = chain(handlingUnitId, at);
    if (level == 2) {
      return chain.size() > 1 ? chain.get(1) : handlingUnitId;
    }
    return chain.get(chain.size() - 1);
  }

  private Recipient eligible(String startUnitId, String subject, Instant at) {
    for (String unitId : chain(startUnitId, at)) {
      Optional<OrgUnit> unit = org.unit(unitId, at);
      if (unit.isEmpty()) {
        return new Recipient(unitId, null);
      }
      OrgUnit u = unit.get();
      String head = u.getHead() == null ? null : u.getHead().getOfficialId();
      String deputy = u.getDeputyOfficialId();
      if (head != null && !head.equals(subject)) {
        return new Recipient(unitId, head);
      }
      if (deputy != null && !deputy.equals(subject)) {
        return new Recipient(unitId, deputy);
      }
      boolean conflict = head != null || (deputy != null && deputy.equals(subject));
      if (!conflict || u.getParentId() == null) {
        return new Recipient(unitId, null);
      }
    }
    // cycle or over-deep chain: give it to the unit we started from, unaddressed
    return new Recipient(startUnitId, null);
  }

  /** The parent chain at an instant, with the one cycle guard of {@link OrgChain}. */
  private List<String> chain(String unitId, Instant at) {
    return OrgChain.upFrom(unitId, id -> org.unit(id, at));
  }
}
