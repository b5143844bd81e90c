package vn.onestop.intake.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.ids.EventIds;
import vn.onestop.intake.ids.TrackingCodes;
import vn.onestop.intake.kafka.Ack;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.intake.kafka.PublishUnavailableException;
import vn.onestop.intake.readmodel.CaseReadModel;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.EncryptedIdentity;
import vn.onestop.schema.IdentityRevealed;

/**
 * Turns validated submissions and actions into events, writes them and waits for Kafka's
 * acknowledgement, then records them in the read model.
 *
 * <p>Ids: without an Idempotency-Key the case id and event id are random UUIDs. With a key, the
 * case id is derived from (source, client, key) and the event id from (case id, event kind, body
 * hash): a retry of the same request after a crash or a 503 writes the same event id again, which
 * the SLA engine ignores; the same key with a different body is refused with 409 while this process
 * remembers the key ({@link IdempotencyCache}); after a restart a key whose case is already in the
 * read model (rebuilt from {@code case-events}) is answered from it without writing, with the event
 * id actually written, and a different body is still refused with 409 (the Submitted event id
 * encodes the body hash). An action written under a key carries the digest of the key's scope in
 * the record header {@link CaseEventPublisher#IDEMPOTENCY_HEADER}, so after a restart the read
 * model knows which event the key wrote and the action is answered the same way: same body, the
 * written event id and nothing new in the log; another body (or another action), 409. While the
 * read model is still reading the log, a key it does not know yet is answered NOT_READY (503),
 * never written.
 *
 * <p>Logs never contain personal data: only case ids, event ids and kinds.
 */
public final class CaseIntake {
  private static final Logger LOG = LoggerFactory.getLogger(CaseIntake.class);
  private static final int LOCK_STRIPES = 64;

  private final CaseEventFactory events;
  private final CaseEventPublisher publisher;
  private final CaseReadModel model;
  private final BooleanSupplier modelReady;
  private final IdempotencyCache cache;
  private final OrgUnitsView units;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * @param events event factory
   * @param publisher Kafka writer
   * @param model read model (write-through after acknowledgement)
   * @param modelReady true once the read model has caught up with the log
   * @param cache idempotency cache
   */
  public CaseIntake(
      CaseEventFactory events,
      CaseEventPublisher publisher,
      CaseReadModel model,
      BooleanSupplier modelReady,
      IdempotencyCache cache) {
    this(events, publisher, model, modelReady, cache, new OrgUnitsView());
  }

  /**
   * @param events event factory
   * @param publisher Kafka writer
   * @param model read model (write-through after acknowledgement)
   * @param modelReady true once the read model has caught up with the log
   * @param cache idempotency cache
   * @param units the org-unit directory: once it holds a unit, a submission must name one of its
   *     units
   */
  public CaseIntake(
      CaseEventFactory events,
      CaseEventPublisher publisher,
      CaseReadModel model,
      BooleanSupplier modelReady,
      IdempotencyCache cache,
      OrgUnitsView units) {
    this.units = units;
    this.events = events;
    this.publisher = publisher;
    this.model = model;
    this.modelReady = modelReady;
    this.cache = cache;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * @param unitId the unit a submission names, or null (the intake desk)
   * @throws InvalidFieldsException naming {@code unitId} when the org-unit directory is loaded and
   *     does not hold that unit
   */
  public void requireKnownUnit(String unitId) {
    requireKnownUnit("unitId", unitId);
  }

  /**
   * @param field the request field naming the unit, e.g. {@code toUnitId}
   * @param unitId the unit id, or null
   * @throws InvalidFieldsException naming {@code field} when the org-unit directory is loaded and
   *     does not hold that unit
   */
  public void requireKnownUnit(String field, String unitId) {
    if (unitId != null && !units.accepts(unitId)) {
      throw new InvalidFieldsException(
          List.of(
              new FieldError(
                  field,
                  "unknown unit '"
                      + TextRules.preview(unitId)
                      + "': not in the org-unit directory (GET /api/v1/units lists it)")));
    }
  }

  /**
   * @param at the instant (UTC), usually now
   * @return the org directory's parent relation in force then, for scope checks
   */
  public vn.onestop.access.UnitParents unitParents(java.time.Instant at) {
    return units.parentsAt(at);
  }

  /**
   * @return the read model
   */
  public CaseReadModel model() {
    return model;
  }

  /**
   * @return true when TO_CAO can be accepted (identity key present)
   */
  public boolean acceptsDenunciations() {
    return events.canEncrypt();
  }

  /**
   * Writes a new case.
   *
   * @param source writer name, e.g. {@code web-intake}
   * @param clientId API client
   * @param idempotencyKey key or null
   * @param canonicalBody canonical request body (for the key's body hash)
   * @param submission the validated case
   * @return the receipt, after Kafka acknowledged
   * @throws IntakeRefusal IDEMPOTENCY_CONFLICT, or NOT_READY for a key not yet known while the read
   *     model loads
   * @throws InvalidFieldsException naming {@code unitId} when a directory is loaded and the unit is
   *     not in it
   * @throws PublishUnavailableException when Kafka or the registry is down
   */
  public Receipt submit(
      String source,
      String clientId,
      String idempotencyKey,
      String canonicalBody,
      Submission submission)
      throws IntakeRefusal, PublishUnavailableException {
    return submit(
        source,
        clientId,
        idempotencyKey,
        canonicalBody,
        submission,
        new Actor(ActorRole.CITIZEN, null, null));
  }

  /**
   * Writes a new case recorded by an authenticated principal.
   *
   * @param source writer name, e.g. {@code web-intake}
   * @param clientId the principal's id (scopes the Idempotency-Key)
   * @param idempotencyKey key or null
   * @param canonicalBody canonical request body (for the key's body hash)
   * @param submission the validated case
   * @param actor the Submitted event's actor (the principal)
   * @return the receipt, after Kafka acknowledged
   * @throws IntakeRefusal IDEMPOTENCY_CONFLICT, or NOT_READY for a key not yet known while the read
   *     model loads
   * @throws InvalidFieldsException naming {@code unitId} when a directory is loaded and the unit is
   *     not in it
   * @throws PublishUnavailableException when Kafka or the registry is down
   */
  public Receipt submit(
      String source,
      String clientId,
      String idempotencyKey,
      String canonicalBody,
      Submission submission,
      Actor actor)
      throws IntakeRefusal, PublishUnavailableException {
    requireKnownUnit(submission.unitId());
    if (idempotencyKey == null) {
      String caseId = EventIds.random();
      return write(events.submitted(caseId, EventIds.random(), submission, source, actor), null);
    }
    String scope = source + "|" + clientId + "|submit|" + idempotencyKey;
    String hash = sha256(canonicalBody);
    synchronized (lockFor(scope)) {
      Receipt earlier = remembered(scope, hash);
      if (earlier != null) {
        return earlier;
      }
      String caseId = EventIds.derived(source, clientId, idempotencyKey);
      String eventId = EventIds.derived(caseId, "Submitted", hash);
      Receipt receipt;
      var known = model.get(caseId);
      if (known.isEmpty() && !modelReady.getAsBoolean()) {
        // Not remembered and the log is not read yet: this key's case may be in it.
        throw new IntakeRefusal(
            IntakeRefusal.Kind.NOT_READY, "the intake is still reading case-events; retry shortly");
      }
      if (known.isPresent()) {
        // Not remembered (restarted, or evicted): the log says which body this key was used with,
        // because the Submitted event id is derived from its hash.
        String written = known.get().submittedEventId();
        if (!eventId.equals(written)) {
          throw new IntakeRefusal(
              IntakeRefusal.Kind.IDEMPOTENCY_CONFLICT,
              "this Idempotency-Key was already used with a different request body");
        }
        receipt = new Receipt(caseId, TrackingCodes.forCase(caseId), written, true);
      } else {
        receipt = write(events.submitted(caseId, eventId, submission, source, actor), null);
      }
      cache.put(scope, new IdempotencyCache.Entry(hash, receipt));
      return receipt;
    }
  }

  /**
   * Writes an action on a known case.
   *
   * @param source writer name
   * @param clientId API client
   * @param caseId target case
   * @param idempotencyKey key or null
   * @param canonicalBody canonical request body
   * @param command the validated action
   * @return the receipt, after Kafka acknowledged
   * @throws IntakeRefusal NOT_READY, UNKNOWN_CASE or IDEMPOTENCY_CONFLICT
   * @throws PublishUnavailableException when Kafka or the registry is down
   */
  public Receipt act(
      String source,
      String clientId,
      String caseId,
      String idempotencyKey,
      String canonicalBody,
      ActionCommand command)
      throws IntakeRefusal, PublishUnavailableException {
    requireKnown(caseId);
    if (idempotencyKey == null) {
      return write(events.action(caseId, EventIds.random(), command, source), null);
    }
    String scope = source + "|" + clientId + "|" + caseId + "|" + idempotencyKey;
    String hash = sha256(canonicalBody);
    synchronized (lockFor(scope)) {
      Receipt earlier = remembered(scope, hash);
      if (earlier != null) {
        return earlier;
      }
      String eventId = EventIds.derived(caseId, command.action(), clientId, idempotencyKey, hash);
      String scopeDigest = sha256(scope);
      var written = model.keyedEvent(scopeDigest);
      if (written.isEmpty() && !modelReady.getAsBoolean()) {
        // Not remembered and the log is not read yet: this key may have written another body.
        throw new IntakeRefusal(
            IntakeRefusal.Kind.NOT_READY, "the intake is still reading case-events; retry shortly");
      }
      Receipt receipt;
      if (written.isPresent()) {
        // Not remembered (restarted, or evicted): the log says which event this key wrote, and
        // its id is derived from the body's hash.
        if (!eventId.equals(written.get())) {
          throw new IntakeRefusal(
              IntakeRefusal.Kind.IDEMPOTENCY_CONFLICT,
              "this Idempotency-Key was already used with a different request body");
        }
        receipt = new Receipt(caseId, TrackingCodes.forCase(caseId), eventId, true);
      } else {
        receipt = write(events.action(caseId, eventId, command, source), scopeDigest);
      }
      cache.put(scope, new IdempotencyCache.Entry(hash, receipt));
      return receipt;
    }
  }

  /**
   * @param caseId case id
   * @throws IntakeRefusal NOT_READY while the read model loads, UNKNOWN_CASE when not in it
   */
  public void requireKnown(String caseId) throws IntakeRefusal {
    if (model.get(caseId).isPresent()) {
      return;
    }
    if (!modelReady.getAsBoolean()) {
      throw new IntakeRefusal(
          IntakeRefusal.Kind.NOT_READY, "the intake is still reading case-events; retry shortly");
    }
    throw new IntakeRefusal(
        IntakeRefusal.Kind.UNKNOWN_CASE, "no case with id '" + TextRules.preview(caseId) + "'");
  }

  /**
   * Decrypts the identity filed with a case (controlled reveal; the caller has checked the
   * principal's role and scope). Nothing is written: see {@link #recordReveal}.
   *
   * @param caseId a known case
   * @return the identity and the id of the key that decrypted it ({@code plain} for an identity
   *     written before every identity was encrypted); empty when the case has none (anonymous)
   * @throws GeneralSecurityException when the key that encrypted it is not in the key ring, or the
   *     ciphertext does not decrypt
   */
  public Optional<RevealedIdentity> decryptIdentity(String caseId) throws GeneralSecurityException {
    Optional<Object> stored = model.identity(caseId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    if (stored.get() instanceof Complainant plain) {
      return Optional.of(new RevealedIdentity(plain, "plain"));
    }
    EncryptedIdentity enc = (EncryptedIdentity) stored.get();
    IdentityCipher c =
        events
            .cipher()
            .orElseThrow(
                () ->
                    new GeneralSecurityException(
                        "the intake runs without the identity key; it cannot decrypt"));
    return Optional.of(new RevealedIdentity(c.decrypt(caseId, enc), enc.getKeyId()));
  }

  /**
   * An identity decrypted for a reveal; never logged ({@link #toString} hides it).
   *
   * @param identity the identity
   * @param keyId id of the key that decrypted it, or {@code plain}
   */
  public record RevealedIdentity(Complainant identity, String keyId) {
    @Override
    public String toString() {
      return "RevealedIdentity[keyId=" + keyId + ", identity=<redacted>]";
    }
  }

  /**
   * Writes the {@code IdentityRevealed} audit event of a reveal and waits for Kafka's
   * acknowledgement; the identity is answered only after this returns.
   *
   * @param source writer name
   * @param caseId a known case
   * @param actor the authenticated official
   * @param reason why the identity is needed
   * @param keyId id of the key that decrypted it
   * @return the receipt of the audit event
   * @throws IntakeRefusal NOT_READY or UNKNOWN_CASE
   * @throws PublishUnavailableException when Kafka or the registry is down (then nothing is
   *     revealed)
   */
  public Receipt recordReveal(
      String source, String caseId, Actor actor, String reason, String keyId)
      throws IntakeRefusal, PublishUnavailableException {
    requireKnown(caseId);
    IdentityRevealed payload =
        IdentityRevealed.newBuilder().setReason(reason).setKeyId(keyId).build();
    return write(
        events.action(
            caseId, EventIds.random(), new ActionCommand("reveal", payload, actor), source),
        null);
  }

  private Receipt remembered(String scope, String hash) throws IntakeRefusal {
    var entry = cache.get(scope);
    if (entry.isEmpty()) {
      return null;
    }
    if (!entry.get().bodyHash().equals(hash)) {
      throw new IntakeRefusal(
          IntakeRefusal.Kind.IDEMPOTENCY_CONFLICT,
          "this Idempotency-Key was already used with a different request body");
    }
    return entry.get().receipt().asReplay();
  }

  private Receipt write(CaseEvent event, String scopeDigest) throws PublishUnavailableException {
    Ack ack = publisher.publish(event, scopeDigest);
    model.apply(event, ack.partition(), ack.offset());
    if (scopeDigest != null) {
      model.rememberKeyed(scopeDigest, event.getEventId());
    }
    LOG.info(
        "wrote {} for case {} (event {}) at {}-{}",
        event.getPayload().getClass().getSimpleName(),
        event.getCaseId(),
        event.getEventId(),
        ack.partition(),
        ack.offset());
    return new Receipt(
        event.getCaseId(), TrackingCodes.forCase(event.getCaseId()), event.getEventId(), false);
  }

  private Object lockFor(String scope) {
    return locks[Math.floorMod(scope.hashCode(), LOCK_STRIPES)];
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }
}
