package vn.onestop.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import vn.onestop.intake.core.CaseEventFactory;
import vn.onestop.intake.core.CaseIntake;
import vn.onestop.intake.core.IdempotencyCache;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.Authn;
import vn.onestop.intake.http.IntakeServer;
import vn.onestop.intake.http.RequestBodies;
import vn.onestop.intake.jsonapi.CaseApi;
import vn.onestop.intake.jsonapi.UnitsApi;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.intake.kafka.OrgUnitPublisher;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.intake.open311.Open311Api;
import vn.onestop.intake.readmodel.CaseEventsFollower;
import vn.onestop.intake.readmodel.CaseReadModel;
import vn.onestop.intake.readmodel.OrgUnitsFollower;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.SwitchableStatusLookup;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * The running web intake: Kafka writer, read model of case-events, copy of the org-unit directory,
 * JSON API, Open311 and the directory's admin endpoints ({@link UnitsApi}). Start with {@link
 * #start(IntakeOptions)}; {@link #close()} stops the server, the consumer and the producer. The app
 * module attaches the SLA engine's status with {@link #attachStatus}.
 */
public final class IntakeService implements AutoCloseable {
  private final CaseEventPublisher publisher;
  private final CaseEventsFollower follower;
  private final CaseReadModel model;
  private final IntakeServer server;
  private final SwitchableStatusLookup status = new SwitchableStatusLookup();
  private final KafkaClientMetrics producerMetrics;
  private final OrgUnitsView units = new OrgUnitsView();
  private final OrgUnitsFollower unitsFollower;
  private final OrgUnitPublisher unitsPublisher;

  private IntakeService(IntakeOptions o, MeterRegistry meters, Set<String> calendarIds) {
    Optional<IdentityCipher> cipher = Optional.empty();
    if (o.denunciations()) {
      // fail at start, not at the first denunciation
      cipher =
          Optional.of(new IdentityCipher(o.identityKey().orElseGet(IdentityKey::fromEnvironment)));
    }
    SchemaRegistryClient registry = new SchemaRegistryClient(o.schemaRegistryUrl());
    this.publisher =
        new CaseEventPublisher(
            ProducerSettings.defaults(o.bootstrapServers(), "onestop-web-intake")
                .withTimeouts(o.deliveryTimeout(), o.maxBlock()),
            registry,
            true);
    this.model = new CaseReadModel(o.readModelCapacity());
    this.follower = new CaseEventsFollower(o.bootstrapServers(), registry, model);
    CaseIntake intake =
        new CaseIntake(
            new CaseEventFactory(o.clock(), cipher, o.http().defaultUnitId()),
            publisher,
            model,
            follower::isCaughtUp,
            new IdempotencyCache(100_000),
            units);
    this.unitsFollower = new OrgUnitsFollower(o.bootstrapServers(), registry, units);
    this.unitsPublisher =
        new OrgUnitPublisher(
            ProducerSettings.defaults(o.bootstrapServers(), "onestop-intake-org-units")
                .withTimeouts(o.deliveryTimeout(), o.maxBlock()),
            registry);
    Authn keys = new Authn(o.http().authenticator());
    RequestBodies bodies = new RequestBodies(o.http().maxBodyBytes());
    CaseApi api =
        new CaseApi(
            intake, keys, bodies, Optional.of(status), o.http().retryAfterSeconds(), o.clock());
    Open311Api open311 =
        new Open311Api(
            o.catalog(),
            intake,
            keys,
            bodies,
            Optional.of(status),
            o.clock(),
            o.http().displayZone(),
            o.http().retryAfterSeconds());
    UnitsApi unitsApi =
        new UnitsApi(
            units,
            unitsFollower::isCaughtUp,
            unitsPublisher,
            calendarIds,
            keys,
            bodies,
            o.clock(),
            o.http().retryAfterSeconds());
    this.server = new IntakeServer(o.http(), List.of(api, open311, unitsApi), meters);
    this.producerMetrics = publisher.bindMetrics(meters);
  }

  /**
   * Builds and starts everything.
   *
   * @param options settings
   * @return the running service
   * @throws IllegalStateException when TO_CAO is on and {@value IdentityKey#ENV} is missing or bad
   */
  public static IntakeService start(IntakeOptions options) {
    return start(options, new CompositeMeterRegistry());
  }

  /**
   * Builds and starts everything, with meters: the request timer of {@link IntakeServer} and the
   * Kafka producer's own metrics.
   *
   * @param options settings
   * @param meters where the intake's meters go
   * @return the running service
   * @throws IllegalStateException when TO_CAO is on and {@value IdentityKey#ENV} is missing or bad
   */
  public static IntakeService start(IntakeOptions options, MeterRegistry meters) {
    return start(options, meters, Set.of());
  }

  /**
   * Builds and starts everything, with meters and the org-unit admin endpoints ({@link UnitsApi}).
   *
   * @param options settings
   * @param meters where the intake's meters go
   * @param calendarIds the engine's working-day calendar ids, against which {@code PUT
   *     /api/v1/units/{id}} checks a unit's calendar (empty: that endpoint answers 503)
   * @return the running service
   * @throws IllegalStateException when TO_CAO is on and {@value IdentityKey#ENV} is missing or bad
   */
  public static IntakeService start(
      IntakeOptions options, MeterRegistry meters, Set<String> calendarIds) {
    IntakeService s = new IntakeService(options, meters, calendarIds);
    s.follower.start();
    s.unitsFollower.start();
    try {
      s.server.start();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /**
   * @param lookup the SLA engine's status lookup, or null to detach it
   */
  public void attachStatus(CaseStatusLookup lookup) {
    status.set(lookup);
  }

  /**
   * Sets what {@code GET /health/ready} checks (see {@link IntakeServer#readiness}).
   *
   * @param problems one short text per reason the intake cannot serve; empty when ready
   */
  public void readiness(Supplier<List<String>> problems) {
    server.readiness(problems);
  }

  /**
   * Sets what {@code GET /metrics} answers (see {@link IntakeServer#metrics}).
   *
   * @param prometheusText the Prometheus text of the process's meters
   */
  public void metrics(Supplier<String> prometheusText) {
    server.metrics(prometheusText);
  }

  /**
   * @return the bound HTTP port
   */
  public int port() {
    return server.port();
  }

  /**
   * @return {@code http://host:port}
   */
  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * @return the in-memory case view
   */
  public CaseReadModel readModel() {
    return model;
  }

  /**
   * @return true once the read model has read the log present at start
   */
  public boolean readModelCaughtUp() {
    return follower.isCaughtUp();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        follower.close();
        unitsFollower.close();
      } finally {
        producerMetrics.close();
        publisher.close();
        unitsPublisher.close();
      }
    }
  }
}
