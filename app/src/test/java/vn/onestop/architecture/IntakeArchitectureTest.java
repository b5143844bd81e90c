package vn.onestop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The intake (module {@code producers}) is a core with channel adapters around it; see the README,
 * "Adding an intake channel". These rules keep that shape: the core knows no channel and no HTTP,
 * channels do not know each other, the HTTP server knows channels only through its port.
 */
class IntakeArchitectureTest {
  private static final String CORE = "vn.onestop.intake.core..";
  private static final List<String> CHANNELS =
      List.of(
          "vn.onestop.intake.jsonapi..",
          "vn.onestop.intake.open311..",
          "vn.onestop.intake.importer..");

  @Test
  void intakeCoreImportsNoChannelAndNoHttp() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "vn.onestop.intake.http..",
            "vn.onestop.intake.jsonapi..",
            "vn.onestop.intake.open311..",
            "vn.onestop.intake.importer..",
            "io.javalin..",
            "jakarta.servlet..",
            "org.eclipse.jetty..")
        .because(
            "the intake core (commands, validation, CaseIntake) serves every channel; a channel is an"
                + " adapter that calls the core, never the other way round")
        .check(ProductionClasses.all());
  }

  @Test
  void channelsDoNotImportEachOther() {
    for (String channel : CHANNELS) {
      noClasses()
          .that()
          .resideInAPackage(channel)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              CHANNELS.stream().filter(c -> !c.equals(channel)).toArray(String[]::new))
          .because(
              "intake channels are independent adapters: what two channels share belongs in the"
                  + " core (vn.onestop.intake.core) or the HTTP port (vn.onestop.intake.http)")
          .check(ProductionClasses.all());
    }
  }

  @Test
  void httpServerKnowsChannelsOnlyThroughItsPort() {
    noClasses()
        .that()
        .resideInAPackage("vn.onestop.intake.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CHANNELS.toArray(String[]::new))
        .because(
            "IntakeServer serves any list of HttpChannel; a new channel must not need an edit of the"
                + " server")
        .check(ProductionClasses.all());
  }

  @Test
  void intakePackagesAreFreeOfCycles() {
    slices()
        .matching("vn.onestop.intake.(**)")
        .should()
        .beFreeOfCycles()
        .because("a package loop makes the intake's parts impossible to change or test apart")
        .check(ProductionClasses.all());
  }

  @Test
  void theRulesNameThePackagesThatExist() {
    // a renamed package would leave the rules above checking nothing
    var packages =
        ProductionClasses.all().stream()
            .map(c -> c.getPackageName())
            .collect(java.util.stream.Collectors.toSet());
    for (String p :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(CORE, "vn.onestop.intake.http.."), CHANNELS.stream())
            .toList()) {
      assertThat(packages).as("package %s has classes", p).contains(p.replace("..", ""));
    }
  }
}
