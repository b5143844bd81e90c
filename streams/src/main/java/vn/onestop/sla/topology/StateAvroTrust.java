package vn.onestop.sla.topology;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro (1.12.1+) instantiate the generated classes the SLA engine reads: the case-store
 * records of {@code vn.onestop.sla.state} (CaseState, ActiveClock and their enums) and the
 * contracts of {@code vn.onestop.schema}. Avro refuses to load a class named by a schema unless a
 * {@link ClassSecurityValidator} trusts it ("Forbidden ...! This class is not trusted"); this adds,
 * once per JVM and keeping whatever was trusted before, exactly the generated records and enums of
 * those two packages (not their sub-packages).
 */
public final class StateAvroTrust {
  private static final String[] PACKAGES = {"vn.onestop.sla.state.", "vn.onestop.schema."};
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private StateAvroTrust() {}

  /** Adds the trust rule to Avro's global validator; later calls do nothing. */
  public static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(
              ClassSecurityValidator.getGlobal(), StateAvroTrust::isGenerated));
    }
  }

  static boolean isGenerated(Class<?> c) {
    String name = c.getName();
    for (String p : PACKAGES) {
      if (name.startsWith(p) && name.indexOf('.', p.length()) < 0) {
        return SpecificRecord.class.isAssignableFrom(c)
            || (c.isEnum() && GenericEnumSymbol.class.isAssignableFrom(c));
      }
    }
    return false;
  }
}
