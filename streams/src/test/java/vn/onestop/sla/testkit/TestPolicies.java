package vn.onestop.sla.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import vn.onestop.sla.policy.PolicyBook;

/**
 * The bundled SLA policies plus the test-only ones of {@code policy/test-policies.json} (a test
 * resource of the streams test-jar, never shipped): {@code TEST-SECONDS} (seconds-scale clocks) and
 * {@code TEST-WORKING-HOURS}. Both are marked {@code testOnly}, so they are reachable by id only
 * and never selected for a category.
 */
public final class TestPolicies {
  /** Test resource holding the test-only policies. */
  public static final String RESOURCE = "policy/test-policies.json";

  /** Bundled policies + test policies, loaded once. */
  public static final PolicyBook BOOK = load();

  private TestPolicies() {}

  private static PolicyBook load() {
    try (InputStream in = TestPolicies.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return PolicyBook.defaults().plus(PolicyBook.load(in, RESOURCE), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
