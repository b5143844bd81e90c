package vn.onestop.infra.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own replicated stack: three Kafka nodes in child JVMs
 * (replication factor 3, {@code min.insync.replicas=2}) and a schema registry. Parameters and
 * fields of type {@link vn.onestop.infra.ReplicatedKafkaStack} (or {@link
 * vn.onestop.infra.KafkaStack}) receive it. Unlike {@link WithKafkaStack}, the stack belongs to the
 * class, not the test JVM: tests kill and restart its nodes, so it is started before the class's
 * first test and closed (every node and the registry stopped, their data deleted) after its last
 * one. Shorthand for {@code @ExtendWith(KafkaClusterExtension.class)}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafkaCluster {}
