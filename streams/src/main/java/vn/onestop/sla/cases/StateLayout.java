package vn.onestop.sla.cases;

import org.apache.avro.SchemaNormalization;
import vn.onestop.sla.state.CaseState;

/**
 * The version of {@code CaseState.avsc} that the hand-written field-by-field code over the case
 * state is written for: {@link StateCopies#copy(CaseState)} and the case store's coder ({@code
 * vn.onestop.sla.topology.CaseStateCoder}). Named by the schema's Parsing Canonical Form
 * fingerprint (64-bit Rabin: field names, types and order, enum symbols; not docs or defaults).
 *
 * <p>While the generated class has that schema, the hand-written code is used; after a change of
 * the schema it is not (the generic, schema-driven code runs instead, slower but correct), and the
 * tests that compare the hand-written code with Avro fail until it is updated together with {@link
 * #WRITTEN_FOR}.
 */
public final class StateLayout {

  /** Parsing Canonical Form fingerprint of the {@code CaseState} schema the code is written for. */
  public static final long WRITTEN_FOR = 0xABF7D13E7EBAA808L;

  private static final boolean CURRENT =
      SchemaNormalization.parsingFingerprint64(CaseState.getClassSchema()) == WRITTEN_FOR;

  private StateLayout() {}

  /**
   * @return whether the generated {@code CaseState} has the schema {@link #WRITTEN_FOR} names
   */
  public static boolean isCurrent() {
    return CURRENT;
  }
}
