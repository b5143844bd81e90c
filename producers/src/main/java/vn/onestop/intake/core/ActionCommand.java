package vn.onestop.intake.core;

import org.apache.avro.specific.SpecificRecord;
import vn.onestop.schema.Actor;

/**
 * A validated case-officer (or citizen) action, ready to become a CaseEvent.
 *
 * @param action action name as sent, e.g. {@code suspend}
 * @param payload the CaseEvent payload record (Accepted, Rejected, Assigned, ...)
 * @param actor who acts (role, official id, unit)
 */
public record ActionCommand(String action, SpecificRecord payload, Actor actor) {}
