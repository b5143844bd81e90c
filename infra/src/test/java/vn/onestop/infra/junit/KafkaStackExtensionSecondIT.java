package vn.onestop.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.onestop.infra.KafkaStack;

/**
 * A second class, registered through @ExtendWith instead of the annotation, sees the same stack.
 */
@ExtendWith(KafkaStackExtension.class)
class KafkaStackExtensionSecondIT {
  KafkaStack field;

  @Test
  void getsTheSameStackAsOtherClasses(KafkaStack stack) {
    SeenStacks.assertSameAsEverywhere(stack);
    assertThat(field).isSameAs(stack);
    assertThat(stack.bootstrapServers()).isNotBlank();
  }
}
