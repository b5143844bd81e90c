package vn.onestop.sla.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Calendars;

/**
 * The set of effective-dated SLA policies, loaded from JSON (bundled: {@code
 * policy/sla-policies.json}).
 *
 * <p>{@link #select} returns the policy in force on the <em>filing date</em> of a case, so an audit
 * replay applies the rule that was in force when the case was filed, whatever the current rules
 * are. Test policies ({@code "testOnly": true}, never bundled: tests add them with {@link #plus})
 * are only reachable through {@link #byId}.
 *
 * <p>File format (see the bundled file for every field):
 *
 * <pre>{@code
 * { "policies": [ {
 *     "policyId": "KN1-2011", "category": "KHIEU_NAI", "complaintLevel": 1,
 *     "effectiveFrom": "2012-07-01", "effectiveTo": null, "calendarId": "vn-civil-service",
 *     "legalBasis": "...", "status": "V", "description": "...",
 *     "acceptance": { "period": "10 CALENDAR_DAYS", "legalBasis": "...", "status": "V" },
 *     "resolution": { "dueDateFromSource": false, "rules": [
 *         { "complexity": ["NORMAL"], "remoteArea": false, "period": "30 CALENDAR_DAYS",
 *           "legalBasis": "...", "status": "V" } ] },
 *     "extensions": { "requiresDecisionNumber": true, "legalBasis": "...",
 *                     "byComplexity": { "COMPLEX": { "maxCount": 1, "maxEach": "30 CALENDAR_DAYS" } } },
 *     "warnings": [ { "id": "warn-75pct", "fraction": 0.75 }, { "id": "warn-1wd", "beforeDue": "1 WORKING_DAYS" } ],
 *     "escalation": { "level2After": "3 WORKING_DAYS", "level3After": "5 WORKING_DAYS", "basis": "..." },
 *     "testOnly": false } ] }
 * }</pre>
 *
 * A period is {@code "<amount> <UNIT>"} with a {@link vn.onestop.sla.calendar.PeriodUnit} name.
 * Omitted warnings default to 75 % and 1 working day before; omitted escalation to 3 + 5 working
 * days.
 *
 * <p>Load-time checks: unique ids; known calendar ids; complaint level 1/2 exactly for KHIEU_NAI;
 * effectiveFrom before effectiveTo; no two non-test policies for the same category and level in
 * force on the same date; resolution rules covering every complexity × remote-area combination.
 */
public final class PolicyBook {

  /** Bundled resource name. */
  public static final String DEFAULT_RESOURCE = "policy/sla-policies.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<SlaPolicy> policies;
  private final Map<String, SlaPolicy> byId;

  private PolicyBook(List<SlaPolicy> policies) {
    this.policies = List.copyOf(policies);
    Map<String, SlaPolicy> m = new LinkedHashMap<>();
    policies.forEach(p -> m.put(p.policyId(), p));
    this.byId = Map.copyOf(m);
  }

  /**
   * The bundled policies.
   *
   * @return the book
   * @throws PolicyException if the bundled file is invalid (a build defect)
   */
  public static PolicyBook defaults() {
    try (InputStream in = PolicyBook.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new PolicyException("missing resource " + DEFAULT_RESOURCE);
      }
      return load(in, "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /**
   * @param file a policy file given by the application
   * @return the book
   * @throws PolicyException naming the file and the JSON path of a bad field
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PolicyBook load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy file " + file, e);
    }
  }

  /**
   * @param in JSON, UTF-8
   * @param sourceName file name for error messages
   * @return the book
   * @throws PolicyException "sourceName: $.path: problem", or the line and column of a syntax error
   */
  public static PolicyBook load(InputStream in, String sourceName) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new PolicyException(
          sourceName
              + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
              + ": invalid JSON: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName, e);
    }
    PolicyParser parser = new PolicyParser(sourceName);
    List<SlaPolicy> list = parser.parse(root);
    validate(list, sourceName);
    return new PolicyBook(list);
  }

  /**
   * The policy in force for a case.
   *
   * @param category the case's category
   * @param complaintLevel 1 or 2 for {@link Category#KHIEU_NAI}; ignored (may be null) otherwise
   * @param filedOn the filing (receipt) date in Asia/Ho_Chi_Minh
   * @return the policy
   * @throws PolicyException if the level is missing for a complaint, or no policy is in force on
   *     that date
   */
  public SlaPolicy select(Category category, Integer complaintLevel, LocalDate filedOn) {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(filedOn, "filedOn");
    if (category == Category.KHIEU_NAI
        && (complaintLevel == null || complaintLevel < 1 || complaintLevel > 2)) {
      throw new PolicyException(
          "complaint level 1 or 2 is required for KHIEU_NAI, was " + complaintLevel);
    }
    Optional<Integer> level =
        category == Category.KHIEU_NAI ? Optional.of(complaintLevel) : Optional.empty();
    List<SlaPolicy> candidates =
        policies.stream()
            .filter(
                p -> !p.testOnly() && p.category() == category && p.complaintLevel().equals(level))
            .toList();
    return candidates.stream()
        .filter(p -> p.inForceOn(filedOn))
        .findFirst()
        .orElseThrow(
            () ->
                new PolicyException(
                    "no SLA policy for "
                        + category
                        + level.map(l -> " level " + l).orElse("")
                        + " filed on "
                        + filedOn
                        + "; policies: "
                        + (candidates.isEmpty()
                            ? "none"
                            : candidates.stream()
                                .map(
                                    p ->
                                        p.policyId()
                                            + " ["
                                            + p.effectiveFrom()
                                            + ", "
                                            + p.effectiveTo().map(Object::toString).orElse("open")
                                            + ")")
                                .collect(Collectors.joining(", ")))));
  }

  /**
   * @param policyId a policy id (including test policies)
   * @return the policy, if present
   */
  public Optional<SlaPolicy> byId(String policyId) {
    return Optional.ofNullable(byId.get(policyId));
  }

  /**
   * The policy a case was filed under, which must still be in the book.
   *
   * @param policyId the policy id stored with the case
   * @param caseId the case, for the message
   * @return the policy
   * @throws IllegalStateException when the book no longer has it: policies must never be removed
   *     while cases use them (an effective-dated successor is added instead)
   */
  public SlaPolicy inUse(String policyId, String caseId) {
    SlaPolicy p = byId.get(policyId);
    if (p == null) {
      throw new IllegalStateException(
          "case "
              + caseId
              + " uses SLA policy '"
              + policyId
              + "', which the policy book no longer contains; policies must never be removed while"
              + " cases use them");
    }
    return p;
  }

  /**
   * This book and more policies, checked together as one file would be (unique ids, no overlap of
   * non-test policies). Tests add the seconds-scale test policies this way; they are not bundled.
   *
   * @param more policies to add (e.g. {@code PolicyBook.load(path)})
   * @param sourceName name of the added source for error messages
   * @return a new book: this book's policies, then {@code more}'s, in order
   * @throws PolicyException naming {@code sourceName} when the union is invalid
   */
  public PolicyBook plus(PolicyBook more, String sourceName) {
    List<SlaPolicy> union = new ArrayList<>(policies);
    union.addAll(more.policies);
    validate(union, sourceName);
    return new PolicyBook(union);
  }

  /**
   * @return all policies in file order
   */
  public List<SlaPolicy> all() {
    return policies;
  }

  private static void validate(List<SlaPolicy> list, String source) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      SlaPolicy p = list.get(i);
      String path = source + ": $.policies[" + i + "]";
      Integer previous = ids.put(p.policyId(), i);
      if (previous != null) {
        throw new PolicyException(
            path
                + ".policyId: duplicate id '"
                + p.policyId()
                + "' (also $.policies["
                + previous
                + "])");
      }
      if (!Calendars.ids().contains(p.calendarId())) {
        throw new PolicyException(
            path
                + ".calendarId: unknown calendar '"
                + p.calendarId()
                + "', known: "
                + Calendars.ids());
      }
      boolean complaint = p.category() == Category.KHIEU_NAI;
      if (complaint != p.complaintLevel().isPresent()
          || p.complaintLevel().map(l -> l < 1 || l > 2).orElse(false)) {
        throw new PolicyException(
            path + ".complaintLevel: must be 1 or 2 for KHIEU_NAI and absent otherwise");
      }
      if (p.effectiveTo().map(to -> !to.isAfter(p.effectiveFrom())).orElse(false)) {
        throw new PolicyException(
            path + ".effectiveTo: must be after effectiveFrom " + p.effectiveFrom());
      }
      if (!p.dueDateFromSource()) {
        for (Complexity c : Complexity.values()) {
          for (boolean remote : new boolean[] {false, true}) {
            if (p.resolutionRules().stream().noneMatch(r -> r.matches(c, remote))) {
              throw new PolicyException(
                  path
                      + ".resolution.rules: no rule for "
                      + c
                      + (remote ? " in a remote area" : " outside remote areas"));
            }
          }
        }
      }
      for (int j = 0; j < i; j++) {
        SlaPolicy q = list.get(j);
        if (!p.testOnly()
            && !q.testOnly()
            && p.category() == q.category()
            && p.complaintLevel().equals(q.complaintLevel())
            && overlap(p, q)) {
          throw new PolicyException(
              path
                  + ".effectiveFrom: "
                  + p.policyId()
                  + " overlaps "
                  + q.policyId()
                  + " for "
                  + p.category()
                  + p.complaintLevel().map(l -> " level " + l).orElse(""));
        }
      }
    }
  }

  private static boolean overlap(SlaPolicy a, SlaPolicy b) {
    LocalDate max = LocalDate.MAX;
    return a.effectiveFrom().isBefore(b.effectiveTo().orElse(max))
        && b.effectiveFrom().isBefore(a.effectiveTo().orElse(max));
  }
}
