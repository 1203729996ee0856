package dev.jcdi.spec;

import dev.jcdi.testkit.UserMessages;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fuzz targets of this module: each takes the fuzzer's bytes and fails with an {@link
 * AssertionError} (or any unexpected exception) when a rule breaks. Jazzer drives them in the
 * {@code fuzz} profile ({@code SpecFuzzTest} in src/fuzz/java); {@link FuzzInputsTest} replays
 * their stored inputs in every build, so a finding once stored stays a regression test.
 */
final class SpecFuzzTargets {
  private SpecFuzzTargets() {}

  private static final SpecReader READER = SpecReader.standard();

  /** A JSON spec: a typed parse error or a spec that validates and writes back to itself. */
  static void specJson(byte[] data) {
    spec(data, SpecFormat.JSON);
  }

  /** A YAML spec, as {@link #specJson}. */
  static void specYaml(byte[] data) {
    spec(data, SpecFormat.YAML);
  }

  private static void spec(byte[] data, SpecFormat format) {
    SpecDocument doc;
    try {
      doc = READER.parse(data, format, "fuzz." + format.extension());
    } catch (SpecParseException e) {
      checkMessage(e.getMessage(), lenientUtf8(data), e);
      for (SpecParseException.Problem p : e.problems()) {
        checkMessage(p.message(), lenientUtf8(data), e);
      }
      return;
    }
    Spec spec = doc.spec();
    List<Violation> violations = SpecValidator.validate(spec);
    for (Violation v : violations) {
      checkMessage(v.message(), lenientUtf8(data), null);
      doc.locate(v.path()); // every violation path can be looked up
    }
    // what was read writes back, in either format, to text that reads as the same spec
    for (SpecFormat f : SpecFormat.values()) {
      byte[] out = SpecWriter.writeBytes(spec, f);
      if (out.length > READER.limits().maxBytes()) {
        continue; // aliases can expand a file within the limit into one beyond it
      }
      Spec again;
      try {
        again = READER.parse(out, f, "again." + f.extension()).spec();
      } catch (SpecParseException e) {
        throw new AssertionError("written " + f + " does not read back: " + e.getMessage() + "\n" + utf8(out), e);
      }
      if (!again.equals(spec)) {
        throw new AssertionError("written " + f + " reads as another spec:\n" + spec + "\n" + again + "\n" + utf8(out));
      }
    }
  }

  /** A device name: a typed error, or a name that prints as its input and parses again to itself. */
  static void qualifiedName(byte[] data) {
    String s = lenientUtf8(data);
    QualifiedName q;
    try {
      q = QualifiedName.parse(s);
    } catch (InvalidNameException e) {
      checkMessage(e.getMessage(), s, e);
      if (QualifiedName.isQualifiedName(s)) {
        throw new AssertionError("isQualifiedName(" + s + ") but parse fails", e);
      }
      return;
    }
    if (!q.toString().equals(s)) {
      throw new AssertionError("parse(" + s + ") prints as " + q);
    }
    if (!QualifiedName.isQualifiedName(s) || !QualifiedName.isValidDeviceName(q.name())) {
      throw new AssertionError("parse(" + s + ") succeeds but the predicates reject it");
    }
    if (!QualifiedName.of(q.vendor(), q.className(), q.name()).equals(q)
        || !Kind.parse(q.kind().toString()).equals(q.kind())) {
      throw new AssertionError("parts of " + s + " do not rebuild it");
    }
  }

  /** A message for a user: text, without a library's internals (the check every target shares). */
  static void checkMessage(String message, String input, Throwable cause) {
    UserMessages.check(message, input, cause);
  }

  static String lenientUtf8(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] data) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      return "<not UTF-8>";
    }
  }
}
