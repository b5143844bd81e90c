package vn.onestop.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import vn.onestop.infra.KafkaStack;

/** Remembers the first stack any test class received; later ones must be the very same object. */
final class SeenStacks {
  private static final AtomicReference<KafkaStack> FIRST = new AtomicReference<>();

  private SeenStacks() {}

  static void assertSameAsEverywhere(KafkaStack stack) {
    assertThat(stack).isNotNull();
    FIRST.compareAndSet(null, stack);
    assertThat(stack).isSameAs(FIRST.get());
  }
}
