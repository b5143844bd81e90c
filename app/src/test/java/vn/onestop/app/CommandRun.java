package vn.onestop.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code onestop} command run in this JVM ({@link Main#run}) with its standard output and error
 * captured as UTF-8 text.
 *
 * @param status the exit status: 0 success, 1 a failed check, 2 bad usage
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CommandRun(int status, String out, String err) {

  /**
   * @param args the command's arguments
   * @param cluster arguments appended at the end (e.g. {@code --bootstrap-servers HOST:PORT}), or
   *     none
   * @return the finished run
   */
  static CommandRun of(String[] args, String... cluster) {
    String[] all = new String[args.length + cluster.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(cluster, 0, all, args.length, cluster.length);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int status = Main.run(all);
      return new CommandRun(
          status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
