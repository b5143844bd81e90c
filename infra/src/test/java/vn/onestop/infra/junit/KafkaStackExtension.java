package vn.onestop.infra.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import vn.onestop.infra.KafkaStack;

/**
 * JUnit Jupiter extension that hands tests a running Kafka broker and Confluent-compatible schema
 * registry as a {@link KafkaStack}: constructor, lifecycle-method and test-method parameters of
 * type {@code KafkaStack} are resolved, and {@code KafkaStack} fields that are still null are set
 * (static fields before all tests of the class, instance fields after instantiation).
 *
 * <p>The stack is chosen by {@link InfraMode#configured()} (system property {@code
 * onestop.test.infra} or environment variable {@code ONESTOP_TEST_INFRA}: {@code auto}, {@code
 * embedded}, {@code testcontainers}, {@code external}). There is ONE stack per test JVM: it is
 * created on first use, kept in the root extension store, shared by all test classes, and closed
 * when the run ends. If it cannot start, every test that needs it fails with an {@link
 * ExtensionConfigurationException} giving the cause.
 *
 * <p>Tests share the broker, so they should use their own topic names (and consumer group ids).
 */
public final class KafkaStackExtension
    implements ParameterResolver, TestInstancePostProcessor, BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaStackExtension.class);
  private static final String KEY = "stack";

  /**
   * Returns (starting it on first use) the stack of this test JVM; for use from other extensions.
   *
   * @param context any extension context of the run
   * @return the shared stack
   * @throws ExtensionConfigurationException if the stack could not be started or configured
   */
  public static KafkaStack stack(ExtensionContext context) {
    SharedStack shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(KEY, key -> SharedStack.open(), SharedStack.class);
    shared.stack(); // fail here, with the cause, if the start failed
    return shared;
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == KafkaStack.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return stack(extensionContext);
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

  /** Sets static fields (instance == null) or instance fields of type KafkaStack that are null. */
  private static void inject(Class<?> type, Object instance, ExtensionContext context)
      throws IllegalAccessException {
    StackFields.inject(type, instance, java.util.Set.of(KafkaStack.class), () -> stack(context));
  }
}
