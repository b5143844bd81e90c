package vn.onestop.access;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.onestop.ids.UnitIds;

/**
 * Which cases a principal may act on or read: those whose handling unit ({@code Submitted.unitId},
 * changed by {@code Transferred.toUnitId}) the scope {@link #covers covers}.
 *
 * <ul>
 *   <li>{@link Kind#UNIT}: exactly one unit.
 *   <li>{@link Kind#SUBTREE}: a unit and every unit below it in the org directory's parent chain.
 *   <li>{@link Kind#ALL}: every unit (an auditor or administrator of the whole tree).
 *   <li>{@link Kind#NONE}: no unit (e.g. an intake client, which only submits).
 * </ul>
 *
 * @param kind the kind
 * @param unitId the unit (UNIT) or root of the subtree (SUBTREE); null for ALL and NONE
 */
public record Scope(Kind kind, String unitId) {
  /** Longest parent chain followed; a cycle or a deeper chain ends the walk (not covered). */
  public static final int MAX_DEPTH = 64;

  /** The kinds of scope. */
  public enum Kind {
    UNIT,
    SUBTREE,
    ALL,
    NONE
  }

  /**
   * @throws NullPointerException if kind is null
   * @throws IllegalArgumentException if a UNIT/SUBTREE scope has no unit id or one that is not a
   *     valid unit id ({@link UnitIds}: a look-alike letter from another script or markup would
   *     name a unit no case is ever handled by), or ALL/NONE has one
   */
  public Scope {
    Objects.requireNonNull(kind, "kind");
    boolean needsUnit = kind == Kind.UNIT || kind == Kind.SUBTREE;
    if (needsUnit && (unitId == null || unitId.isBlank())) {
      throw new IllegalArgumentException("a " + kind + " scope needs a unit id");
    }
    if (needsUnit && !UnitIds.valid(unitId)) {
      throw new IllegalArgumentException("scope unit id must be " + UnitIds.EXPECTED);
    }
    if (!needsUnit && unitId != null) {
      throw new IllegalArgumentException("a " + kind + " scope has no unit id");
    }
  }

  /**
   * @param unitId the unit
   * @return the scope of that one unit
   */
  public static Scope unit(String unitId) {
    return new Scope(Kind.UNIT, unitId);
  }

  /**
   * @param rootUnitId the root unit
   * @return the scope of that unit and every unit below it
   */
  public static Scope subtree(String rootUnitId) {
    return new Scope(Kind.SUBTREE, rootUnitId);
  }

  /**
   * @return the scope of every unit
   */
  public static Scope all() {
    return new Scope(Kind.ALL, null);
  }

  /**
   * @return the scope of no unit
   */
  public static Scope none() {
    return new Scope(Kind.NONE, null);
  }

  /**
   * @param caseUnitId the handling unit of a case; null covers nothing except under ALL
   * @param parents the directory's parent relation (for SUBTREE)
   * @return whether this scope includes that unit
   */
  public boolean covers(String caseUnitId, UnitParents parents) {
    return switch (kind) {
      case ALL -> true;
      case NONE -> false;
      case UNIT -> unitId.equals(caseUnitId);
      case SUBTREE -> caseUnitId != null && inSubtree(caseUnitId, parents);
    };
  }

  private boolean inSubtree(String start, UnitParents parents) {
    Set<String> seen = new HashSet<>();
    String current = start;
    while (current != null && seen.size() < MAX_DEPTH && seen.add(current)) {
      if (current.equals(unitId)) {
        return true;
      }
      Optional<String> parent = parents.parentOf(current);
      current = parent.orElse(null);
    }
    return false;
  }

  /**
   * @return e.g. {@code unit HK}, {@code subtree HN}, {@code all units}, {@code no unit}
   */
  public String describe() {
    return switch (kind) {
      case UNIT -> "unit " + unitId;
      case SUBTREE -> "subtree " + unitId;
      case ALL -> "all units";
      case NONE -> "no unit";
    };
  }
}
