package vn.onestop.report.publish;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import java.io.IOException;
import java.text.ParseException;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * One published month as a signed, hash-chained record: a compact JWS (RFC 7515) whose payload is
 * the canonical JSON ({@link ScorecardJson#canonical})
 *
 * <pre>
 * {"drilldownSha256": hex, "figures": {public figures}, "month": "YYYY-MM",
 *  "previousMonth": "YYYY-MM" | null, "previousRecordSha256": hex | null,
 *  "scorecardSha256": hex}
 * </pre>
 *
 * The record's hash is the SHA-256 of the compact JWS text (ASCII); the next published month
 * carries it as {@code previousRecordSha256}, so changing any earlier month breaks every later
 * link. {@code scorecardSha256} and {@code drilldownSha256} are the SHA-256 of the published {@code
 * scorecard.json} and {@code drilldown/drilldown.json} bytes.
 *
 * @param compact the compact JWS text
 */
public record MonthRecord(String compact) {
  /** JWS {@code typ} of a record. */
  public static final String TYPE = "onestop-kpi-month+jws";

  /**
   * Signs a record.
   *
   * @param key the private signing key
   * @param month the month
   * @param figures the public figures tree ({@link ScorecardJson#publicFigures})
   * @param scorecardSha256 hash of the published scorecard.json
   * @param drilldownSha256 hash of the published drilldown.json
   * @param previousMonth the previous record's month, or null for the first record
   * @param previousRecordSha256 the previous record's hash, or null for the first record
   * @return the signed record
   */
  public static MonthRecord sign(
      SigningKey key,
      YearMonth month,
      Map<String, Object> figures,
      String scorecardSha256,
      String drilldownSha256,
      YearMonth previousMonth,
      String previousRecordSha256) {
    Map<String, Object> p = new TreeMap<>();
    p.put("month", month.toString());
    p.put("figures", figures);
    p.put("scorecardSha256", scorecardSha256);
    p.put("drilldownSha256", drilldownSha256);
    p.put("previousMonth", previousMonth == null ? null : previousMonth.toString());
    p.put("previousRecordSha256", previousRecordSha256);
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(key.algorithm())
                .keyID(key.thumbprint())
                .type(new JOSEObjectType(TYPE))
                .build(),
            new Payload(ScorecardJson.canonical(p)));
    try {
      jws.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing the record of " + month + " failed", e);
    }
    return new MonthRecord(jws.serialize());
  }

  /**
   * @return SHA-256 of the compact text, lower-case hex
   */
  public String sha256() {
    return ScorecardJson.sha256(compact.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /**
   * @param key the public key
   * @return true if the signature verifies with it
   * @throws IllegalArgumentException if the text is not a compact JWS
   */
  public boolean signatureValid(SigningKey key) {
    try {
      JWSObject jws = JWSObject.parse(compact);
      return jws.getHeader().getAlgorithm().equals(key.algorithm()) && jws.verify(key.verifier());
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a compact JWS");
    } catch (JOSEException e) {
      return false;
    }
  }

  /**
   * @return the key id of the JWS header (the signing key's RFC 7638 thumbprint), null if none
   * @throws IllegalArgumentException if the text is not a compact JWS
   */
  public String keyId() {
    try {
      return JWSObject.parse(compact).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a compact JWS");
    }
  }

  /**
   * @return the payload tree (maps keep their order)
   * @throws IllegalArgumentException if the text is not a compact JWS with a JSON payload
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> payload() {
    try {
      return (Map<String, Object>)
          ScorecardJson.parse(JWSObject.parse(compact).getPayload().toBytes());
    } catch (ParseException | IOException | ClassCastException e) {
      throw new IllegalArgumentException("not a compact JWS with a JSON object payload");
    }
  }
}
