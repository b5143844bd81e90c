package vn.onestop.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Who may sign which case action, per legal category: the one place of that rule. The rows are
 * data, {@code signing-rules.csv} next to this class (columns {@code action, category, roles,
 * source, status, note}; roles space-separated), each with its legal source and a status as in
 * docs/law.md (V verified, S secondary, U unclear: where the law is unclear the row takes the
 * stricter rule, the competent head). docs/access.md prints the table.
 *
 * <p>Actions are the intake's action names ({@code accept, reject, assign, transfer, suspend,
 * resume, extend, resolve, reopen, withdraw, rate}); categories are the {@code Category} symbol
 * names ({@code KHIEU_NAI, TO_CAO, PHAN_ANH, KIEN_NGHI, SERVICE_REQUEST}). An action or category
 * without a row is refused. The scope check (the case's handling unit in the principal's {@link
 * Scope}) is separate and applies to every action.
 */
public final class SigningRules {
  /** Classpath resource holding the table. */
  public static final String RESOURCE = "signing-rules.csv";

  /**
   * One row of the table.
   *
   * @param action intake action name
   * @param category Category symbol name
   * @param roles roles that may perform it
   * @param source the article it comes from
   * @param status V, S, U, or — for a policy choice
   * @param note how the row reads the source (and the stricter choice where unclear)
   */
  public record Rule(
      String action, String category, Set<Role> roles, String source, String status, String note) {
    /**
     * @return e.g. {@code UNIT_HEAD} or {@code OFFICER or UNIT_HEAD}
     */
    public String rolesText() {
      return roles.stream().map(Role::name).sorted().collect(Collectors.joining(" or "));
    }
  }

  private final Map<String, Rule> rules;

  private SigningRules(Map<String, Rule> rules) {
    this.rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /**
   * @return the table of the classpath resource {@value #RESOURCE}
   * @throws IllegalStateException when the resource is missing or a row is invalid (naming the
   *     line)
   */
  public static SigningRules load() {
    try (InputStream in = SigningRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param csv the table
   * @param where file name for messages
   * @return the table
   * @throws IOException on a read error
   * @throws IllegalStateException naming {@code where:line} of an invalid or repeated row
   */
  public static SigningRules parse(Reader csv, String where) throws IOException {
    Map<String, Rule> m = new LinkedHashMap<>();
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (CSVParser p = CSVParser.parse(csv, format)) {
      for (CSVRecord r : p) {
        String at = where + ":" + (r.getRecordNumber() + 1) + ": ";
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : r.get("roles").split("\\s+")) {
          try {
            roles.add(Role.valueOf(name));
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(at + "unknown role '" + name + "'");
          }
        }
        Rule rule =
            new Rule(
                r.get("action"),
                r.get("category"),
                Set.copyOf(roles),
                r.get("source"),
                r.get("status"),
                r.get("note"));
        if (m.put(key(rule.action(), rule.category()), rule) != null) {
          throw new IllegalStateException(
              at + "repeats " + rule.action() + " for " + rule.category());
        }
      }
    }
    return new SigningRules(m);
  }

  /**
   * @param action intake action name
   * @param category Category symbol name
   * @return the row, empty when the table has none (the action is then refused)
   */
  public Optional<Rule> rule(String action, String category) {
    return Optional.ofNullable(rules.get(key(action, category)));
  }

  /**
   * Checks the role half of an action (the scope half is the caller's, with {@link Scope#covers}).
   *
   * @param p the principal
   * @param action intake action name
   * @param category Category symbol name of the case
   * @return the row that allowed it
   * @throws AccessDeniedException naming the role required, the category and the article, or that
   *     the table has no row
   */
  public Rule require(Principal p, String action, String category) {
    Rule rule =
        rule(action, category)
            .orElseThrow(
                () ->
                    new AccessDeniedException(
                        "no role may perform '"
                            + action
                            + "' on a case of category "
                            + category
                            + " (no row in the signing table)",
                        Map.of(
                            AccessDeniedException.ACTION,
                            "'"
                                + action
                                + "' on category "
                                + category
                                + " has no row in the signing table")));
    if (!p.hasAny(rule.roles())) {
      String has = p.roles().stream().map(Role::name).sorted().toList().toString();
      throw new AccessDeniedException(
          "role "
              + rule.rolesText()
              + " is required to '"
              + action
              + "' a case of category "
              + category
              + " ("
              + rule.source()
              + "); principal "
              + p.id()
              + " has "
              + has,
          missing(rule, "the principal has " + has));
    }
    return rule;
  }

  /**
   * The {@link AccessDeniedException#missing()} of a role the row requires: the role and the row's
   * article.
   *
   * @param rule the row
   * @param why what the principal has or asked for instead, e.g. {@code the principal has
   *     [OFFICER]}
   * @return {@code role} and {@code article} entries
   */
  public static Map<String, String> missing(Rule rule, String why) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(AccessDeniedException.ROLE, rule.rolesText() + " required; " + why);
    m.put(AccessDeniedException.ARTICLE, rule.source());
    return m;
  }

  /**
   * @return every row, in file order
   */
  public List<Rule> rows() {
    return new ArrayList<>(rules.values());
  }

  private static String key(String action, String category) {
    return action + "|" + category;
  }
}
