package vn.onestop.app;

import io.javalin.util.JavalinBindException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.onestop.schema.TopicSettingsException;

/**
 * The {@code onestop} command line. Every subcommand either talks to the cluster named by {@code
 * --bootstrap-servers}/{@code --schema-registry-url} (or the environment variables {@code
 * ONESTOP_BOOTSTRAP_SERVERS}/{@code ONESTOP_SCHEMA_REGISTRY_URL}) or, where it says so, starts the
 * embedded default: a local Kafka broker and schema registry it stops again on exit. A service
 * ({@code engine}, {@code intake}, {@code feed}, {@code ticker}, {@code run}) creates missing
 * topics and checks the settings of existing ones before it serves; a wrong setting stops it with
 * one line naming topic and setting and exit status 1.
 */
@Command(
    name = "onestop",
    mixinStandardHelpOptions = true,
    version = "onestop 0.1.0",
    description =
        "OneStop Complaints: legal deadlines and escalation for complaints (khiếu nại), "
            + "denunciations (tố cáo) and petitions (phản ánh, kiến nghị).",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      ServeCommands.Engine.class,
      ServeCommands.Intake.class,
      ServeCommands.Feed.class,
      ServeCommands.Ticker.class,
      TopicsCommand.class,
      ImportCommand.class,
      AuditCommand.class,
      KpiCommand.class,
      UnitsCommand.class,
      CasesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting (for tests).
   *
   * @param args command-line arguments
   * @return the exit status: 0 success, 1 a failed check, 2 bad usage
   */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(YearMonth.class, Main::month);
    cli.registerConverter(Duration.class, Main::duration);
    cli.setParameterExceptionHandler(Main::badArgument);
    cli.setExecutionExceptionHandler(Main::userError);
    return cli.execute(args);
  }

  /** A month option: {@code YYYY-MM}. */
  private static YearMonth month(String value) {
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "expected a month YYYY-MM (e.g. 2026-01), got '" + value + "'");
    }
  }

  /** A duration option: ISO-8601 ({@code PT30S}, {@code PT10M}) or whole seconds ({@code 30}). */
  private static Duration duration(String value) {
    try {
      return ServiceSettings.duration(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "expected an ISO-8601 duration (PT30S, PT10M) or whole seconds, got '" + value + "'");
    }
  }

  /**
   * A value picocli cannot take (a bad month, date, number, an unknown option): one line naming the
   * option and what it expects, then where to find the usage — not the whole usage text, which
   * would bury the line that matters.
   */
  private static int badArgument(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(name + ": " + e.getMessage());
    cmd.getErr().println("Try '" + name + " --help' for the options.");
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Bad arguments found while running (e.g. --to before --from) and unreadable input files are the
   * user's to fix: one line naming the command and the problem, no stack trace. Anything else keeps
   * picocli's default (the stack trace, for a bug report).
   */
  /**
   * One line for a file the command could not use: the JDK's {@code FileSystemException}s carry
   * only the path as their message ({@code /tmp/x}), which says nothing of what is wrong with it.
   *
   * @param e the exception, e.g. {@link java.nio.file.NoSuchFileException} for a missing input file
   *     or {@link java.nio.file.FileAlreadyExistsException} for an output directory that is a file
   * @return {@code PATH: what is wrong}, e.g. {@code /tmp/x: no such file or directory}
   */
  static String fileProblem(java.nio.file.FileSystemException e) {
    String what;
    if (e instanceof java.nio.file.NoSuchFileException) {
      what = "no such file or directory";
    } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
      what = "already exists and is not a directory";
    } else if (e instanceof java.nio.file.NotDirectoryException) {
      what = "not a directory";
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      what = "permission denied";
    } else {
      what = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }
    String path = e.getFile() == null ? "" : e.getFile();
    if (e.getOtherFile() != null) {
      path = path + " -> " + e.getOtherFile();
    }
    return path.isEmpty() ? what : path + ": " + what;
  }

  private static int userError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed)
      throws Exception {
    Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    if (t instanceof JavalinBindException) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + portInUse(t, cmd));
      return 1;
    }
    if (t instanceof TopicSettingsException wrong) {
      // An operator's to fix on the cluster: one line per topic setting, no stack trace.
      for (String line : wrong.problems()) {
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + line);
      }
      return 1;
    }
    if (t instanceof java.nio.file.FileSystemException fs) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + fileProblem(fs));
      return 1;
    }
    if (t instanceof IllegalArgumentException || t instanceof java.io.IOException) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
      return t instanceof IllegalArgumentException
          ? cmd.getCommandSpec().exitCodeOnInvalidInput()
          : 1;
    }
    throw e;
  }

  /**
   * The line for a port another process holds: the option that gave the port, when one did (its
   * value is the port in Javalin's message), and what to do.
   */
  private static String portInUse(Throwable bind, CommandLine cmd) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("port (\\d+)").matcher(String.valueOf(bind.getMessage()));
    String port = m.find() ? m.group(1) : "?";
    String option =
        cmd.getCommandSpec().options().stream()
            .filter(
                o ->
                    o.longestName().endsWith("port")
                        && port.equals(java.util.Objects.toString(o.getValue())))
            .map(o -> o.longestName() + " ")
            .findFirst()
            .orElse("port ");
    return option
        + port
        + ": already in use by another process (stop it, or choose another port with "
        + option.trim()
        + ")";
  }
}
