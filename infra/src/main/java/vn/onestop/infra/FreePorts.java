package vn.onestop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports that are free on the loopback address at the time of the call. */
final class FreePorts {
  private FreePorts() {}

  /**
   * @return a port (1024-65535) on 127.0.0.1 that nobody listened on a moment ago; another process
   *     may still take it before the caller binds, so callers retry on bind errors
   */
  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}
