package vn.onestop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * The production classes of every module, imported once for all architecture tests. The app
 * module's test classpath holds every other module (as {@code target/classes} or as the module's
 * jar), so the rules see the whole product; test classes and test-jars are left out.
 */
final class ProductionClasses {
  private ProductionClasses() {}

  /** Leaves out {@code *-tests.jar} (shared test kits): they are not production code. */
  private static final ImportOption NO_TEST_JARS =
      (Location location) -> !location.contains("-tests.jar");

  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(NO_TEST_JARS)
          .importPackages("vn.onestop");

  /**
   * @return every production class under {@code vn.onestop}
   */
  static JavaClasses all() {
    return ALL;
  }
}
