package vn.onestop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Product-wide rules: the module graph the README draws ("Layout"), domain rules free of Kafka and
 * of the engine's Avro-generated state, and no package cycles. Each rule's message names the rule
 * and says why it exists.
 */
class ArchitectureTest {
  /**
   * The SLA engine's domain packages (module {@code streams}): legal rules as plain Java. A package
   * listed here that does not exist yet (the engine step) matches no class and costs nothing.
   */
  static final List<String> DOMAIN =
      List.of(
          "vn.onestop.sla.calendar..",
          "vn.onestop.sla.policy..",
          "vn.onestop.sla.cases..",
          "vn.onestop.sla.escalation..",
          "vn.onestop.sla.kpi..",
          "vn.onestop.sla.engine..");

  /**
   * Domain packages that still read the Avro-generated case state ({@code vn.onestop.sla.state}):
   * the state record is both the stored value and the decider's model there. Remove a package once
   * it works on a domain type; {@link #stateExemptionsAreStillNeeded} fails when one can go.
   */
  static final List<String> STILL_ON_AVRO_STATE =
      List.of(
          "vn.onestop.sla.cases..",
          "vn.onestop.sla.escalation..",
          "vn.onestop.sla.kpi..",
          "vn.onestop.sla.engine..");

  private static String[] array(List<String> l) {
    return l.toArray(String[]::new);
  }

  @Test
  void accessModelImportsNoKafkaNoAvroNoServices() {
    noClasses()
        .that()
        .resideInAPackage("vn.onestop.access..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.apache.avro..",
            "vn.onestop.schema..",
            "vn.onestop.intake..",
            "vn.onestop.feed..",
            "io.javalin..")
        .because(
            "the one principals model and the signing table serve the intake and the feeds and"
                + " are domain rules: no broker, no generated Avro class, no HTTP server"
                + " (docs/access.md)")
        .check(ProductionClasses.all());
  }

  @Test
  void scorecardModelImportsNoKafkaNoAvroNoAdapters() {
    noClasses()
        .that()
        .resideInAPackage("vn.onestop.report.scorecard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.apache.avro..",
            "vn.onestop.schema..",
            "vn.onestop.sla.state..",
            "vn.onestop.sla.engine..",
            "vn.onestop.sla.topology..",
            "vn.onestop.audit..",
            "vn.onestop.report.publish..",
            "com.nimbusds..",
            "com.fasterxml..",
            "org.apache.commons.csv..")
        .because(
            "the scorecard's figures are domain rules (docs/scorecard.md): computed from plain"
                + " case facts and unit versions, testable without a broker, a generated Avro class,"
                + " the engine replay, JSON or signing; vn.onestop.report.publish adapts the event"
                + " log to it and renders, signs and verifies")
        .check(ProductionClasses.all());
  }

  @Test
  void domainImportsNoKafkaNoSerdesNoTopology() {
    noClasses()
        .that()
        .resideInAnyPackage(array(DOMAIN))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "vn.onestop.schema.serde..",
            "vn.onestop.schema.registry..",
            "vn.onestop.sla.topology..",
            "vn.onestop.sla.query..",
            "vn.onestop.sla.index..")
        .because(
            "the legal rules (calendars, policies, the case decider, escalation, KPIs) must be"
                + " testable and replayable without a broker; processors in vn.onestop.sla.topology"
                + " call them, never the other way round (docs/design.md)")
        .check(ProductionClasses.all());
  }

  @Test
  void theEngineStepUsesNoAvroLibraryAndNoLoggingBackend() {
    noClasses()
        .that()
        .resideInAPackage("vn.onestop.sla.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.avro..", "org.rocksdb..", "ch.qos.logback..")
        .because(
            "the engine step (CaseEngine) is a domain function: it takes and returns values, never"
                + " encodes, stores or reads bytes; adapters in vn.onestop.sla.topology do that")
        .check(ProductionClasses.all());
  }

  @Test
  void theOfflineReplayRunsNoKafkaStreamsRuntime() {
    noClasses()
        .that()
        .resideInAPackage("vn.onestop.sla.replay..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka.streams..", "org.rocksdb..")
        .because(
            "the offline replay engine re-runs the engine task (vn.onestop.sla.engine.EngineTask)"
                + " in memory with Kafka Streams' stream time and punctuation emulated; a test"
                + " driver or a store inside it would bring back the per-record overhead it"
                + " replaces")
        .check(ProductionClasses.all());
  }

  @Test
  void onlyTheEngineTaskSequencesThePunctuation() {
    noClasses()
        .that()
        .resideOutsideOfPackage("vn.onestop.sla.engine..")
        .should()
        .callMethod(
            "vn.onestop.sla.engine.CaseEngine",
            "onDue",
            "vn.onestop.sla.state.CaseState",
            "java.time.Instant")
        .because(
            "the punctuation loop (due order across cases, re-indexing, the budget, the KPI"
                + " watermark) lives in vn.onestop.sla.engine.EngineTask; the live processor and"
                + " the offline replay both drive it")
        .check(ProductionClasses.all());
  }

  @Test
  void onlyTheEngineStepSequencesFireAndDecide() {
    noClasses()
        .that()
        .resideOutsideOfPackage("vn.onestop.sla.engine..")
        .should()
        .callMethod(
            "vn.onestop.sla.escalation.EscalationLadder",
            "fire",
            "vn.onestop.sla.state.CaseState",
            "java.time.Instant",
            "vn.onestop.sla.escalation.OrgDirectory")
        .orShould()
        .callMethod(
            "vn.onestop.sla.cases.CaseDecider",
            "decide",
            "vn.onestop.sla.state.CaseState",
            "vn.onestop.schema.CaseEvent")
        .because(
            "the engine's step (fire what is due, then decide, then KPI facts) and its firing rule"
                + " live in one place, vn.onestop.sla.engine.CaseEngine; processors, replays and"
                + " benchmarks call it instead of re-sequencing the parts")
        .check(ProductionClasses.all());
  }

  @Test
  void rulesTakeTheirCalendarsFromACalendarBook() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "vn.onestop.sla.cases..",
            "vn.onestop.sla.escalation..",
            "vn.onestop.sla.kpi..",
            "vn.onestop.sla.engine..")
        .should()
        .callMethod("vn.onestop.sla.calendar.Calendars", "get", "java.lang.String")
        .orShould()
        .callMethod("vn.onestop.sla.policy.SlaPolicy", "calendar")
        .because(
            "a calendar is an input of the rules (CalendarBook, beside the PolicyBook), not a"
                + " hidden static registry; the clock's calendar may be the handling unit's, not"
                + " the policy's")
        .check(ProductionClasses.all());
  }

  @Test
  void domainRulesDoNotDependOnTheEngineStep() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "vn.onestop.sla.calendar..",
            "vn.onestop.sla.policy..",
            "vn.onestop.sla.cases..",
            "vn.onestop.sla.escalation..",
            "vn.onestop.sla.kpi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("vn.onestop.sla.engine..")
        .because(
            "the engine step composes the rules; the rules never call back into it (one-way"
                + " dependencies)")
        .check(ProductionClasses.all());
  }

  @Test
  void domainImportsNoAvroGeneratedState() {
    List<String> bound = DOMAIN.stream().filter(p -> !STILL_ON_AVRO_STATE.contains(p)).toList();
    noClasses()
        .that()
        .resideInAnyPackage(array(bound))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("vn.onestop.sla.state..")
        .because(
            "the engine's stored state is an Avro record shaped for the changelog; domain rules"
                + " work on domain types so that the storage format can change without them")
        .check(ProductionClasses.all());
  }

  @Test
  void stateExemptionsAreStillNeeded() {
    for (String pkg : STILL_ON_AVRO_STATE) {
      String prefix = pkg.substring(0, pkg.length() - 2);
      boolean uses =
          ProductionClasses.all().stream()
              .filter(c -> c.getPackageName().startsWith(prefix))
              .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
              .anyMatch(
                  d -> d.getTargetClass().getPackageName().startsWith("vn.onestop.sla.state"));
      assertThat(uses)
          .as(
              "%s no longer reads vn.onestop.sla.state: remove it from"
                  + " ArchitectureTest.STILL_ON_AVRO_STATE so the rule guards it",
              prefix)
          .isTrue();
    }
  }

  @Test
  void modulesDependOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("app")
        .definedBy("vn.onestop.app..")
        .layer("producers")
        .definedBy("vn.onestop.intake..")
        .layer("consumers")
        .definedBy("vn.onestop.feed..", "vn.onestop.audit..", "vn.onestop.report..")
        .layer("streams")
        .definedBy("vn.onestop.sla..")
        .layer("schemas")
        .definedBy("vn.onestop.schema..")
        .layer("infra")
        .definedBy("vn.onestop.infra..")
        .whereLayer("app")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("producers")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("consumers")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("streams")
        .mayOnlyBeAccessedByLayers("app", "consumers")
        .whereLayer("schemas")
        .mayOnlyBeAccessedByLayers("app", "producers", "consumers", "streams")
        .whereLayer("infra")
        .mayOnlyBeAccessedByLayers("app")
        .because(
            "modules depend one way (README, Layout): app -> producers, consumers, streams ->"
                + " schemas; consumers -> streams only to re-run the engine offline (audit replay,"
                + " KPI reconciliation); infra (local broker and registry) is used by app and tests")
        .check(ProductionClasses.all());
  }

  @Test
  void noPackageCyclesAnywhere() {
    slices()
        .matching("vn.onestop.(**)")
        .should()
        .beFreeOfCycles()
        .because(
            "a package loop ties its packages together: none can be understood, tested or moved"
                + " alone")
        .check(ProductionClasses.all());
  }

  @Test
  void rulesSeeEveryModule() {
    // guards against a classpath change that would make the rules above pass vacuously
    List<String> roots =
        ProductionClasses.all().stream().map(JavaClass::getPackageName).distinct().toList();
    Stream.of(
            "vn.onestop.app",
            "vn.onestop.intake.core",
            "vn.onestop.feed",
            "vn.onestop.sla.cases",
            "vn.onestop.sla.calendar",
            "vn.onestop.schema",
            "vn.onestop.infra")
        .forEach(p -> assertThat(roots).as("classes of package %s imported", p).contains(p));
  }
}
