package vn.onestop.sla.cases;

/**
 * Stable code of a refused case event: what tests, the rejected topic's readers and dashboards
 * match on (the reason text may be reworded; a code never changes meaning). Each code names the
 * rule it enforces: an article of law or a documented policy choice (docs/law.md).
 */
public enum RefusalCode {
  /** A {@code ClockTick} reached the state machine: ticks only advance stream time. */
  NOT_A_CASE_EVENT("engine contract: ticks advance stream time only"),
  /** The first event of a case is not {@code Submitted}. */
  UNKNOWN_CASE("engine contract: a case starts with its submission"),
  /** The event's case id differs from the state's. */
  CASE_ID_MISMATCH("engine contract: one state per case id"),
  /** The event occurred before the case's last applied event. */
  OUT_OF_ORDER("documented policy choice: clocks never run backwards"),
  /** The case is closed (withdrawn or not accepted). */
  CASE_CLOSED("Luật Khiếu nại 2011 Điều 10, 27; Luật Tố cáo 2018 Điều 33"),
  /** A second {@code Submitted} for an existing case. */
  ALREADY_EXISTS("engine contract: a new submission is a new case"),
  /** A required field is blank or missing (the reason names the field). */
  MISSING_FIELD("event schema: the field is required for this transition"),
  /** A field has a value outside its range (the reason names the field). */
  INVALID_VALUE("event schema: value out of range"),
  /** No SLA policy applies (unknown id, or none in force on the filing date). */
  UNKNOWN_POLICY("policy book: every case needs a policy"),
  /** A source due date before the receipt. */
  SOURCE_DUE_BEFORE_RECEIPT("documented policy choice: a period cannot end before it starts"),
  /** Thụ lý or không thụ lý of a case that is no longer SUBMITTED. */
  NOT_SUBMITTED("Luật Khiếu nại 2011 Điều 27; Luật Tố cáo 2018 Điều 29"),
  /** A transition that needs an open case. */
  NOT_OPEN("documented policy choice: only open cases move (docs/law.md)"),
  /** A transfer to the unit that already handles the case. */
  SAME_UNIT("documented policy choice: a transfer changes the handling unit"),
  /** A suspension without a running resolution clock. */
  NOT_IN_PROGRESS("Luật Tố cáo 2018 Điều 34"),
  /** A khiếu nại suspension dated before 01/07/2026. */
  SUSPENSION_NOT_IN_FORCE("Luật Khiếu nại 2011 as amended 10/12/2025"),
  /** A resumption of a case that is not suspended. */
  NOT_SUSPENDED("Luật Tố cáo 2018 Điều 34"),
  /** A resolution while suspended (a Resumed event must come first). */
  SUSPENDED("Luật Tố cáo 2018 Điều 34"),
  /** An extension without a running or suspended resolution clock. */
  NOT_ON_RESOLUTION_CLOCK("Luật Tố cáo 2018 Điều 30"),
  /** An extension the policy's extension rule does not allow (count or length). */
  EXTENSION_NOT_ALLOWED("Luật Tố cáo 2018 Điều 30; Luật Khiếu nại 2011 Điều 28, 37"),
  /** An extension whose new due instant is not after the decision or the suspension. */
  EXTENSION_IN_PAST("documented policy choice: an extension gives time still to run"),
  /** Resolution of a khiếu nại / tố cáo before thụ lý. */
  NOT_ACCEPTED("Luật Khiếu nại 2011 Điều 27–28; Luật Tố cáo 2018 Điều 30"),
  /** Reopening or rating of a case that is not RESOLVED. */
  NOT_RESOLVED("documented policy choice: only a resolution is reopened or rated"),
  /** A second rating of the same resolution. */
  ALREADY_RATED("documented policy choice: one rating per resolution (docs/law.md, Indicators)"),
  /** The engine failed while deciding (a bug or bad configuration; the case is unchanged). */
  ENGINE_ERROR("engine contract: a failure never changes a case");

  private final String article;

  RefusalCode(String article) {
    this.article = article;
  }

  /**
   * @return the legal source of the rule (article of law, or the documented policy choice)
   */
  public String article() {
    return article;
  }
}
