package vn.onestop.intake.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.ids.TrackingCodes;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Submitted;

/**
 * Builds {@link CaseEvent} envelopes for the web and Open311 intake. Times come from the given
 * clock (UTC instants): occurredAt = recordedAt = the moment of receipt.
 *
 * <p>For TO_CAO the complainant is encrypted with the {@link IdentityCipher} into {@code
 * encryptedIdentity} and {@code complainant} stays null (Luật Tố cáo 2018, Art. 9: the denouncer's
 * identity is secret).
 */
public final class CaseEventFactory {
  private final Clock clock;
  private final Optional<IdentityCipher> cipher;
  private final String defaultUnitId;

  /**
   * @param clock source of occurredAt/recordedAt
   * @param cipher identity cipher; required for TO_CAO submissions
   * @param defaultUnitId unit for submissions that give only a location (the intake desk)
   */
  public CaseEventFactory(Clock clock, Optional<IdentityCipher> cipher, String defaultUnitId) {
    this.clock = clock;
    this.cipher = cipher;
    this.defaultUnitId = defaultUnitId;
  }

  /**
   * @return true when TO_CAO submissions can be encrypted
   */
  public boolean canEncrypt() {
    return cipher.isPresent();
  }

  /**
   * @param caseId case id
   * @param eventId event id
   * @param s validated submission
   * @param sourceSystem e.g. {@code web-intake} or {@code open311}
   * @return the Submitted event
   * @throws IllegalStateException for TO_CAO without a cipher
   */
  public CaseEvent submitted(String caseId, String eventId, Submission s, String sourceSystem) {
    return submitted(caseId, eventId, s, sourceSystem, new Actor(ActorRole.CITIZEN, null, null));
  }

  /**
   * @param caseId case id
   * @param eventId event id
   * @param s validated submission
   * @param sourceSystem e.g. {@code web-intake} or {@code open311}
   * @param actor who recorded it: the authenticated principal (an intake client as INTAKE_OPERATOR
   *     with its id), or a citizen actor for imported history
   * @return the Submitted event
   * @throws IllegalStateException for TO_CAO without a cipher
   */
  public CaseEvent submitted(
      String caseId, String eventId, Submission s, String sourceSystem, Actor actor) {
    Instant now = clock.instant();
    Submitted.Builder b =
        Submitted.newBuilder()
            .setCategory(s.category())
            .setComplaintLevel(s.complaintLevel())
            .setComplexity(s.complexity())
            .setRemoteArea(s.remoteArea())
            .setChannel(s.channel())
            .setUnitId(s.unitId() != null ? s.unitId() : defaultUnitId)
            .setServiceCode(s.serviceCode())
            .setTitle(s.title())
            .setDescription(s.description())
            .setLocation(s.location())
            .setSubjectOfficialId(s.subjectOfficialId())
            .setAttachmentUrls(s.attachmentUrls())
            .setTrackingCode(TrackingCodes.forCase(caseId));
    if (s.category() == Category.TO_CAO && s.complainant() != null) {
      IdentityCipher c =
          cipher.orElseThrow(
              () ->
                  new IllegalStateException(
                      "TO_CAO needs the identity key (ONESTOP_IDENTITY_KEY) but the intake was started without it"));
      b.setComplainant(null).setEncryptedIdentity(c.encrypt(caseId, s.complainant()));
    } else {
      b.setComplainant(s.complainant()).setEncryptedIdentity(null);
    }
    return envelope(caseId, eventId, now, sourceSystem, actor, b.build());
  }

  /**
   * @param caseId case id
   * @param eventId event id
   * @param command validated action
   * @param sourceSystem writer name
   * @return the event for the action
   */
  public CaseEvent action(
      String caseId, String eventId, ActionCommand command, String sourceSystem) {
    return envelope(
        caseId, eventId, clock.instant(), sourceSystem, command.actor(), command.payload());
  }

  private static CaseEvent envelope(
      String caseId,
      String eventId,
      Instant at,
      String source,
      Actor actor,
      SpecificRecord payload) {
    return CaseEvent.newBuilder()
        .setEventId(eventId)
        .setCaseId(caseId)
        .setOccurredAt(at)
        .setRecordedAt(at)
        .setSourceSystem(source)
        .setActor(actor)
        .setPayload(payload)
        .build();
  }
}
