package vn.onestop.sla.policy;

/** The two legal clocks of a case (docs/law.md, Two clocks). */
public enum ClockType {
  /** From receipt of the submission to acceptance (thụ lý) or a reasoned refusal. */
  ACCEPTANCE,
  /** From acceptance (thụ lý) to the written resolution. */
  RESOLUTION
}
