package dev.jcdi.cli;

import java.io.PrintWriter;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Gives jcdi's libraries, inside the {@code cdi} tool, the tool's one voice on stderr: a warning a
 * library logs through {@link System.Logger} reads {@code cdi: warning: PATH: ...}, an error {@code
 * cdi: error: ...}, never a {@code java.util.logging} record with a date and a class name. Below
 * warnings nothing is printed. Installed as the JVM's {@link System.LoggerFinder} by the service
 * entry of the CLI jar, so it holds for the tool only, never for an application that uses the
 * libraries.
 */
public final class CliLoggerFinder extends System.LoggerFinder {
  /** Where messages go: the running command's stderr, or the process's when none runs. */
  private static volatile PrintWriter sink;

  private static final System.Logger LOGGER = new CliLogger();

  /** Sends library messages to {@code err}; {@code null} sends them to the process's stderr. */
  static void redirect(PrintWriter err) {
    sink = err;
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return LOGGER;
  }

  private static final class CliLogger implements System.Logger {
    @Override
    public String getName() {
      return "cdi";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF && level.getSeverity() >= Level.WARNING.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        emit(level, thrown == null ? msg : msg + ": " + Cdi.describe(thrown));
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        String text = format;
        if (params != null && params.length > 0) {
          try {
            text = new MessageFormat(format, java.util.Locale.ROOT).format(asText(params));
          } catch (IllegalArgumentException e) {
            text = format;
          }
        }
        emit(level, text);
      }
    }

    /** Paths and numbers as they are, not in MessageFormat's locale style (1,234). */
    private static Object[] asText(Object[] params) {
      Object[] out = new Object[params.length];
      for (int i = 0; i < params.length; i++) {
        out[i] = params[i] instanceof Throwable t ? Cdi.describe(t) : String.valueOf(params[i]);
      }
      return out;
    }

    private static void emit(Level level, String text) {
      String line = "cdi: " + (level == Level.ERROR ? "error: " : "warning: ") + text;
      PrintWriter err = sink;
      if (err != null) {
        synchronized (err) {
          err.println(line);
          err.flush();
        }
      } else {
        System.err.println(line);
      }
    }
  }
}
