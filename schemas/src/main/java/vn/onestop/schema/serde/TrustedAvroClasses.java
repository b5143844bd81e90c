package vn.onestop.schema.serde;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate the generated classes our serdes were asked to read and write.
 *
 * <p>Avro 1.12.1+ only loads a class named by a schema (records and enums created while reading,
 * the model looked up for a writer) when a {@link ClassSecurityValidator} predicate trusts it. By
 * default it trusts a few {@code java.lang}/{@code java.math} classes and the system properties
 * {@code org.apache.avro.SERIALIZABLE_CLASSES}/{@code SERIALIZABLE_PACKAGES}, so reading any
 * generated class fails with "Forbidden vn.onestop.schema.CaseEvent! This class is not trusted".
 *
 * <p>We add to Avro's global validator, once per JVM and keeping whatever it trusted before, a rule
 * that trusts exactly the generated records, enums and fixed types reachable from the schema of a
 * class a serde was built for ({@link #trust}): {@code CaseEvent} brings {@code Submitted}, {@code
 * Category}, ...; a streams state class in another package brings its own. A class named only by a
 * writer schema from the registry is still refused.
 */
final class TrustedAvroClasses {
  private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private TrustedAvroClasses() {}

  /**
   * Trusts the generated class {@code type} and every named type of its schema.
   *
   * @param type a generated Avro class (SpecificRecord, enum or fixed)
   */
  static void trust(Class<?> type) {
    if (INSTALLED.compareAndSet(false, true)) {
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(
              ClassSecurityValidator.getGlobal(), TrustedAvroClasses::isTrusted));
    }
    collect(SpecificData.get().getSchema(type), new IdentityHashMap<>());
  }

  /**
   * @return whether {@code c} is a generated Avro type reachable from a class passed to {@link
   *     #trust}
   */
  static boolean isTrusted(Class<?> c) {
    return NAMES.contains(c.getName())
        && (SpecificRecord.class.isAssignableFrom(c)
            || GenericFixed.class.isAssignableFrom(c)
            || (c.isEnum() && GenericEnumSymbol.class.isAssignableFrom(c)));
  }

  private static void collect(Schema s, Map<Schema, Boolean> seen) {
    if (seen.put(s, Boolean.TRUE) != null) {
      return;
    }
    switch (s.getType()) {
      case RECORD -> {
        NAMES.add(SpecificData.getClassName(s));
        s.getFields().forEach(f -> collect(f.schema(), seen));
      }
      case ENUM, FIXED -> NAMES.add(SpecificData.getClassName(s));
      case UNION -> s.getTypes().forEach(t -> collect(t, seen));
      case ARRAY -> collect(s.getElementType(), seen);
      case MAP -> collect(s.getValueType(), seen);
      default -> {}
    }
  }
}
