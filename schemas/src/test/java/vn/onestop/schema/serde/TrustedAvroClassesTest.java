package vn.onestop.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Location;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitHead;

/** Avro 1.12's class validator must let the serdes' generated classes through, and nothing else. */
class TrustedAvroClassesTest {

  @Test
  void aSerdeTypeBringsTheGeneratedTypesOfItsSchemaAndNothingElse() {
    new SpecificAvroDeserializer<>(null, CaseEvent.class);

    ClassSecurityValidator.ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
    assertThat(global.isTrusted(CaseEvent.class)).isTrue();
    assertThat(global.isTrusted(Submitted.class)).as("payload branch").isTrue();
    assertThat(global.isTrusted(Location.class)).as("nested optional record").isTrue();
    assertThat(global.isTrusted(Category.class)).as("enum").isTrue();
    assertThat(global.isTrusted(String.class)).as("Avro's defaults are kept").isTrue();

    assertThat(TrustedAvroClasses.isTrusted(Topics.class)).as("not an Avro type").isFalse();
    assertThat(TrustedAvroClasses.isTrusted(ProcessBuilder.class)).isFalse();
  }

  @Test
  void trustingAClassTrustsTheNamedTypesOfItsSchema() {
    TrustedAvroClasses.trust(OrgUnit.class);
    assertThat(TrustedAvroClasses.isTrusted(OrgUnit.class)).isTrue();
    assertThat(TrustedAvroClasses.isTrusted(UnitHead.class))
        .as("nested record of OrgUnit")
        .isTrue();
  }
}
