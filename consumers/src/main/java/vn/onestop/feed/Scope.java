package vn.onestop.feed;

/** How much of the organisation a feed principal sees (docs/design.md, Feed scope). */
public enum Scope {
  /**
   * The head of a unit: alerts whose handling unit ({@code CaseAlert.unitId}) or recipient unit
   * ({@code CaseAlert.recipientUnitId}) is his unit.
   */
  UNIT,
  /**
   * A level-2/3 recipient (head of a parent or top unit): alerts whose handling unit or recipient
   * unit is his unit or any unit below it in the org-units parent chain, as known when the alert is
   * delivered.
   */
  SUBTREE
}
