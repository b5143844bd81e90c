package vn.onestop.intake.core;

import java.util.List;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.Location;

/**
 * A validated new case, before ids and encryption are applied. Produced by {@link
 * SubmissionValidator} from {@code POST /api/v1/cases} or by the Open311 POST.
 *
 * @param category legal category (never SERVICE_REQUEST or UNKNOWN from the web)
 * @param complaintLevel 1 or 2 for KHIEU_NAI, null otherwise
 * @param complexity complexity class at receipt
 * @param remoteArea remote-area flag (Luật Khiếu nại 2011 Arts 28, 37)
 * @param channel intake channel
 * @param title optional short title
 * @param description free text, at most 4000 code points
 * @param unitId handling unit, or null to use the intake's default unit (location given)
 * @param serviceCode optional request type
 * @param location optional location
 * @param complainant identity (required for KHIEU_NAI and TO_CAO), plain here; encrypted for TO_CAO
 *     before it is written
 * @param subjectOfficialId official the case is about, or null
 * @param attachmentUrls http(s) URLs
 * @param publicContent for phản ánh / kiến nghị: whether the submitter lets the description,
 *     location and attachments be public (Open311 reads, tracking); ignored for khiếu nại and tố
 *     cáo, whose content is never public
 */
public record Submission(
    Category category,
    Integer complaintLevel,
    Complexity complexity,
    boolean remoteArea,
    Channel channel,
    String title,
    String description,
    String unitId,
    String serviceCode,
    Location location,
    Complainant complainant,
    String subjectOfficialId,
    List<String> attachmentUrls,
    boolean publicContent) {

  /**
   * Copies the list.
   *
   * @param category see the record component
   * @param complaintLevel see the record component
   * @param complexity see the record component
   * @param remoteArea see the record component
   * @param channel see the record component
   * @param title see the record component
   * @param description see the record component
   * @param unitId see the record component
   * @param serviceCode see the record component
   * @param location see the record component
   * @param complainant see the record component
   * @param subjectOfficialId see the record component
   * @param attachmentUrls see the record component
   * @param publicContent see the record component
   */
  public Submission {
    attachmentUrls = attachmentUrls == null ? List.of() : List.copyOf(attachmentUrls);
  }

  /** Never prints the complainant (personal data must not reach logs). */
  @Override
  public String toString() {
    return "Submission[category="
        + category
        + ", channel="
        + channel
        + ", unitId="
        + unitId
        + ", serviceCode="
        + serviceCode
        + ", complainant="
        + (complainant == null ? "none" : "<redacted>")
        + "]";
  }
}
