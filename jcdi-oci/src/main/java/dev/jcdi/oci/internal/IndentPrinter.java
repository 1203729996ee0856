package dev.jcdi.oci.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * Indents JSON the way {@code json.MarshalIndent(v, "", "  ")} does: one member or element per
 * line, two spaces per level, {@code "key": value}, and empty containers as {@code {}} or {@code
 * []}. Holds the nesting level, so each generator needs its own instance.
 */
final class IndentPrinter implements PrettyPrinter {
  private static final char[] NEWLINE_AND_INDENT = ("\n" + "  ".repeat(64)).toCharArray();

  private int level;

  private void newline(JsonGenerator g) throws IOException {
    int spaces = 2 * level;
    if (spaces + 1 <= NEWLINE_AND_INDENT.length) {
      g.writeRaw(NEWLINE_AND_INDENT, 0, spaces + 1);
    } else {
      g.writeRaw('\n');
      for (int i = 0; i < level; i++) {
        g.writeRaw("  ");
      }
    }
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    level++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    newline(g);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newline(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    level--;
    if (entries > 0) {
      newline(g);
    }
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
    level++;
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    newline(g);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newline(g);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    level--;
    if (values > 0) {
      newline(g);
    }
    g.writeRaw(']');
  }
}
