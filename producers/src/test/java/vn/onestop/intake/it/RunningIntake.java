package vn.onestop.intake.it;

import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.KafkaStackExtension;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;

/**
 * The intake ITs' stack, as a JUnit extension: before all tests of the class, the shared broker and
 * registry ({@link KafkaStackExtension}), {@code case-events} with the product's settings (3
 * partitions), a running {@link IntakeService} on 127.0.0.1 with one API key and a random identity
 * key, an HTTP client and a reader of the log; the read model has caught up before the first test.
 * After all tests the service is closed.
 *
 * <pre>{@code @RegisterExtension static final RunningIntake INTAKE = new RunningIntake("k", "c");}
 * </pre>
 */
final class RunningIntake implements BeforeAllCallback, AfterAllCallback {
  private final String apiKey;
  private final String client;
  private KafkaStack stack;
  private IdentityKey identityKey;
  private IntakeService service;
  private Http http;
  private CaseEventsLog log;

  /**
   * @param apiKey the API key writes must send
   * @param client the client id the key stands for
   */
  /** Every role on every unit: the existing ITs test the intake's behaviour, not access. */
  static final String ALL_ROLES = "intake+officer+unit_head+supervisor+auditor+admin@*";

  RunningIntake(String apiKey, String client) {
    this.apiKey = apiKey;
    this.client = client;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    stack = KafkaStackExtension.stack(context);
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    identityKey = IdentityKey.fromBytes(raw);
    startService();
  }

  /**
   * Closes the running service and starts a new one on the same topics and keys (its in-memory
   * state, e.g. the Idempotency-Key cache, is gone; the read model is rebuilt from the log);
   * returns once the new read model has caught up.
   */
  void restart() {
    service.close();
    startService();
  }

  private void startService() {
    service =
        IntakeService.start(
            IntakeOptions.defaults(
                    stack.bootstrapServers(),
                    stack.schemaRegistryUrl(),
                    IntakeHttpConfig.defaults(Map.of(apiKey, client + ":" + ALL_ROLES)))
                .withIdentityKey(identityKey));
    http = new Http(service.baseUrl());
    log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    await().atMost(Duration.ofSeconds(60)).until(service::readModelCaughtUp);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (service != null) {
      service.close();
    }
  }

  KafkaStack stack() {
    return stack;
  }

  IntakeService service() {
    return service;
  }

  Http http() {
    return http;
  }

  CaseEventsLog log() {
    return log;
  }

  /**
   * @return the key denunciation identities are encrypted with
   */
  IdentityKey identityKey() {
    return identityKey;
  }
}
