package vn.onestop.infra.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Field injection shared by {@link KafkaStackExtension} and {@link KafkaClusterExtension}: sets the
 * null, non-final fields of a test class (and its superclasses) whose type is one of {@code types}
 * — the static ones before all tests ({@code instance == null}), the instance ones on each test
 * instance.
 */
final class StackFields {
  private StackFields() {}

  static void inject(Class<?> type, Object instance, Set<Class<?>> types, Supplier<Object> value)
      throws IllegalAccessException {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        boolean isStatic = Modifier.isStatic(field.getModifiers());
        if (!types.contains(field.getType())
            || isStatic != (instance == null)
            || Modifier.isFinal(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        if (field.get(instance) == null) {
          field.set(instance, value.get());
        }
      }
    }
  }
}
