package vn.onestop.feed;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures the log lines of some classes (logback), from INFO up, for assertions on volume. */
final class LogCapture implements AutoCloseable {
  private final List<Logger> loggers;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture(Class<?>... classes) {
    appender.start();
    loggers =
        java.util.Arrays.stream(classes).map(c -> (Logger) LoggerFactory.getLogger(c)).toList();
    for (Logger l : loggers) {
      l.setLevel(Level.INFO);
      l.addAppender(appender);
    }
  }

  /** Formatted messages captured so far, in order. */
  List<String> lines() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) { // AppenderBase appends under this lock
      return List.copyOf(appender.list);
    }
  }

  /** Captured lines at WARN or above. */
  List<String> warnings() {
    return events().stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    for (Logger l : loggers) {
      l.detachAppender(appender);
      l.setLevel(null);
    }
    appender.stop();
  }
}
