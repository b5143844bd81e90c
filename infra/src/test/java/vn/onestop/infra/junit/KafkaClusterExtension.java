package vn.onestop.infra.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.ReplicatedKafkaStack;

/**
 * JUnit Jupiter extension behind {@link WithKafkaCluster}: one {@link ReplicatedKafkaStack} per
 * test class, kept in the class's extension store (JUnit closes it after the class), handed to
 * parameters and null fields of type {@code ReplicatedKafkaStack} or {@code KafkaStack}. A failed
 * start fails every test of the class with an {@link ExtensionConfigurationException} giving the
 * cause.
 */
public final class KafkaClusterExtension
    implements ParameterResolver, TestInstancePostProcessor, BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaClusterExtension.class);
  private static final String KEY = "cluster";

  /** Store value: the stack, or the reason it could not start. */
  private record Holder(ReplicatedKafkaStack stack, RuntimeException failure)
      implements AutoCloseable {
    @Override
    public void close() {
      if (stack != null) {
        stack.close();
      }
    }
  }

  /**
   * @param context an extension context of the test class (or one of its tests)
   * @return the class's stack, started on first use
   * @throws ExtensionConfigurationException if it could not start
   */
  public static ReplicatedKafkaStack stack(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Holder h =
        classContext
            .getStore(NAMESPACE)
            .computeIfAbsent(
                KEY,
                key -> {
                  try {
                    return new Holder(ReplicatedKafkaStack.start(), null);
                  } catch (RuntimeException e) {
                    return new Holder(null, e);
                  }
                },
                Holder.class);
    if (h.failure() != null) {
      throw new ExtensionConfigurationException(
          "replicated Kafka stack is not available: " + h.failure().getMessage(), h.failure());
    }
    return h.stack();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ReplicatedKafkaStack.class || type == KafkaStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stack(context);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    inject(context.getRequiredTestClass(), null, context);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context)
      throws IllegalAccessException {
    inject(testInstance.getClass(), testInstance, context);
  }

  private static void inject(Class<?> type, Object instance, ExtensionContext context)
      throws IllegalAccessException {
    StackFields.inject(
        type,
        instance,
        java.util.Set.of(ReplicatedKafkaStack.class, KafkaStack.class),
        () -> stack(context));
  }
}
