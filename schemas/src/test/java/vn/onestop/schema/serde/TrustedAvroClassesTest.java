package vn.onestop.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/** Avro 1.12's class validator must let our generated classes through, and nothing else. */
class TrustedAvroClassesTest {

  @Test
  void onlyGeneratedRecordsAndEnumsOfTheContractsPackageAreTrusted() {
    assertThat(TrustedAvroClasses.isGenerated(CaseEvent.class)).isTrue();
    assertThat(TrustedAvroClasses.isGenerated(Submitted.class)).isTrue();
    assertThat(TrustedAvroClasses.isGenerated(Category.class)).isTrue();

    assertThat(TrustedAvroClasses.isGenerated(Topics.class)).as("not an Avro type").isFalse();
    assertThat(TrustedAvroClasses.isGenerated(SchemaRegistryClient.class)).as("sub-package").isFalse();
    assertThat(TrustedAvroClasses.isGenerated(ProcessBuilder.class)).isFalse();
  }

  @Test
  void loadingTheSerdeInstallsTheRuleGlobally() {
    new SpecificAvroSerializer<CaseEvent>();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(CaseEvent.class)).isTrue();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(String.class)).as("defaults kept").isTrue();
    assertThat(ClassSecurityValidator.getGlobal().isTrusted(ProcessBuilder.class)).isFalse();
  }
}
