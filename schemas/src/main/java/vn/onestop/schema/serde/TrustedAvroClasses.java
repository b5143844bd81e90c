package vn.onestop.schema.serde;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate this project's generated classes.
 *
 * <p>Avro 1.12.1+ only loads classes named by a schema (records and enums created while reading, the
 * model looked up for a writer) when a {@link ClassSecurityValidator} predicate trusts them; by default
 * it trusts a few {@code java.lang}/{@code java.math} classes and the system properties
 * {@code org.apache.avro.SERIALIZABLE_CLASSES}/{@code SERIALIZABLE_PACKAGES}, so reading any generated
 * class fails with "Forbidden vn.onestop.schema.CaseEvent! This class is not trusted". We add, once per
 * JVM and keeping whatever was trusted before, exactly the generated types of package
 * {@code vn.onestop.schema}: records implementing {@link SpecificRecord} and enums implementing
 * {@link GenericEnumSymbol}. A writer schema naming any other class is still refused.
 */
final class TrustedAvroClasses {
  static final String PACKAGE = "vn.onestop.schema.";
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private TrustedAvroClasses() {}

  /** Adds the trust rule to Avro's global validator; later calls do nothing. */
  static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), TrustedAvroClasses::isGenerated));
    }
  }

  /** @return whether {@code c} is a generated Avro record or enum of this project's contracts */
  static boolean isGenerated(Class<?> c) {
    String name = c.getName();
    if (!name.startsWith(PACKAGE) || name.indexOf('.', PACKAGE.length()) >= 0) {
      return false; // only the contracts package itself, not sub-packages such as .serde or .registry
    }
    return SpecificRecord.class.isAssignableFrom(c) || (c.isEnum() && GenericEnumSymbol.class.isAssignableFrom(c));
  }
}
