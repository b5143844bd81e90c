package vn.onestop.infra.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a running Kafka broker and schema registry: parameters
 * (constructor, lifecycle and test methods) and fields of type {@link vn.onestop.infra.KafkaStack}
 * receive the one stack of this test JVM. Shorthand for
 * {@code @ExtendWith(KafkaStackExtension.class)}; see {@link KafkaStackExtension} for how the stack
 * is chosen.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaStackExtension.class)
public @interface WithKafkaStack {}
