package dev.jcdi.schema.internal;

import java.net.IDN;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The draft-07 {@code format}s that jcdi asserts, as the reference's schema library does: dates and
 * times (RFC 3339), e-mail addresses (RFC 5321/6531), host names (RFC 1123; internationalized ones
 * in outline), IP addresses, URIs and IRIs (RFC 3986/3987), URI templates (RFC 6570), JSON pointers
 * (RFC 6901, and relative ones) and ECMA-262 regular expressions. A format jcdi does not know is an
 * annotation only, as the draft says.
 */
final class Formats {
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  private static final Pattern TIME =
      Pattern.compile("([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|([+-])([0-9]{2}):([0-9]{2}))");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  /** RFC 3986 appendix B: scheme, authority, path, query and fragment of any URI reference. */
  private static final Pattern URI_PARTS = Pattern.compile("(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?", Pattern.DOTALL);
  private static final Pattern LDH_LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern IDN_ATOM =
      Pattern.compile("(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\\x00-\\x7F])+(?:\\.(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\\x00-\\x7F])+)*");
  private static final Pattern QUOTED_LOCAL = Pattern.compile("\"(?:[^\"\\\\\\x00-\\x1F]|\\\\[\\x20-\\x7E])*\"");
  private static final Pattern TEMPLATE_VARSPEC =
      Pattern.compile("(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*(?::[1-9][0-9]{0,3}|\\*)?");
  private static final String IDN_DOTS = "[.\u3002\uFF0E\uFF61]";

  private Formats() {}

  /** Returns whether {@code s} is a {@code format} string, or true when jcdi does not know the format. */
  static boolean valid(String format, String s) {
    return switch (format) {
      case "date" -> date(s);
      case "time" -> time(s);
      case "date-time" -> dateTime(s);
      case "email" -> email(s, false);
      case "idn-email" -> email(s, true);
      case "hostname" -> hostname(s);
      case "idn-hostname" -> idnHostname(s);
      case "ipv4" -> ipv4(s);
      case "ipv6" -> ipv6(s);
      case "uri" -> uri(s, false, false);
      case "uri-reference" -> uri(s, true, false);
      case "iri" -> uri(s, false, true);
      case "iri-reference" -> uri(s, true, true);
      case "uri-template" -> uriTemplate(s);
      case "json-pointer" -> jsonPointer(s);
      case "relative-json-pointer" -> relativeJsonPointer(s);
      case "regex" -> regex(s);
      default -> true;
    };
  }

  static boolean date(String s) {
    Matcher m = DATE.matcher(s);
    if (!m.matches()) {
      return false;
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    int[] days = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= days[month - 1];
  }

  static boolean time(String s) {
    Matcher m = TIME.matcher(s);
    if (!m.matches()) {
      return false;
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = Integer.parseInt(m.group(2));
    int second = Integer.parseInt(m.group(3));
    int offset = 0;
    if (m.group(6) != null) {
      int oh = Integer.parseInt(m.group(7));
      int om = Integer.parseInt(m.group(8));
      if (oh > 23 || om > 59) {
        return false;
      }
      offset = (m.group(6).equals("+") ? 1 : -1) * (oh * 60 + om);
    }
    if (hour > 23 || minute > 59 || second > 60) {
      return false;
    }
    // A leap second is the last second of a UTC day.
    return second < 60 || Math.floorMod(hour * 60 + minute - offset, 24 * 60) == 23 * 60 + 59;
  }

  static boolean dateTime(String s) {
    int t = Math.max(s.indexOf('T'), s.indexOf('t'));
    return t == 10 && date(s.substring(0, t)) && time(s.substring(t + 1));
  }

  static boolean email(String s, boolean international) {
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      return false;
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    if (local.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
      return false; // RFC 5321 section 4.5.3.1.1
    }
    boolean localOk = (international ? IDN_ATOM : ATOM).matcher(local).matches() || QUOTED_LOCAL.matcher(local).matches();
    if (!localOk) {
      return false;
    }
    if (domain.startsWith("[") && domain.endsWith("]")) {
      String literal = domain.substring(1, domain.length() - 1);
      return literal.regionMatches(true, 0, "IPv6:", 0, 5) ? ipv6(literal.substring(5)) : ipv4(literal);
    }
    return international ? idnHostname(domain) : hostname(domain);
  }

  static boolean hostname(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (!LDH_LABEL.matcher(label).matches()) {
        return false;
      }
      // "--" in the third and fourth place is reserved for A-labels ("xn--").
      if (label.length() >= 4 && label.startsWith("--", 2) && !(label.regionMatches(true, 0, "xn", 0, 2) && aLabel(label))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether A-label {@code label} ({@code xn--...}) is Punycode that decodes to a U-label which
   * encodes back to it and keeps the rules of {@link #uLabel}.
   */
  private static boolean aLabel(String label) {
    String u = punycode(label.substring(4));
    if (u == null || u.chars().allMatch(c -> c < 0x80)) {
      return false; // not Punycode, or an A-label for a name that needs none
    }
    // The JDK encodes by IDNA2003, which maps IDNA2008's four deviations (ß, ς, ZWJ, ZWNJ) away.
    boolean deviation = u.chars().anyMatch(c -> c == 0x00DF || c == 0x03C2 || c == 0x200C || c == 0x200D);
    try {
      return (deviation || IDN.toASCII(u, IDN.USE_STD3_ASCII_RULES).equalsIgnoreCase(label)) && uLabel(u);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Decodes Punycode (RFC 3492 section 6.2); null when {@code s} is not Punycode. */
  static String punycode(String s) {
    final int base = 36;
    int delimiter = s.lastIndexOf('-');
    if (delimiter == 0) {
      return null; // "xn---..." : an empty basic part is written without its delimiter
    }
    java.util.List<Integer> output = new java.util.ArrayList<>();
    for (int j = 0; j < Math.max(delimiter, 0); j++) {
      if (s.charAt(j) >= 0x80) {
        return null;
      }
      output.add((int) s.charAt(j));
    }
    long n = 128;
    long i = 0;
    long bias = 72;
    int in = delimiter > 0 ? delimiter + 1 : 0;
    while (in < s.length()) {
      long oldi = i;
      long w = 1;
      for (long k = base; ; k += base) {
        if (in >= s.length()) {
          return null;
        }
        int digit = digit(s.charAt(in++));
        if (digit < 0 || digit > (Integer.MAX_VALUE - i) / w) {
          return null;
        }
        i += digit * w;
        long t = k <= bias ? 1 : Math.min(k - bias, 26);
        if (digit < t) {
          break;
        }
        w *= base - t;
        if (w > Integer.MAX_VALUE) {
          return null;
        }
      }
      int size = output.size() + 1;
      bias = adapt(i - oldi, size, oldi == 0);
      n += i / size;
      i %= size;
      if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF)) {
        return null;
      }
      output.add((int) i, (int) n);
      i++;
    }
    StringBuilder out = new StringBuilder();
    output.forEach(out::appendCodePoint);
    return out.toString();
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0' + 26;
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    return -1;
  }

  private static long adapt(long delta, int points, boolean first) {
    delta = first ? delta / 700 : delta / 2;
    delta += delta / points;
    long k = 0;
    while (delta > ((36 - 1) * 26) / 2) {
      delta /= 36 - 1;
      k += 36;
    }
    return k + (36 * delta) / (delta + 38);
  }

  /** The rules of RFC 5891/5892 on a U-label that need no Unicode tables beyond the JDK's. */
  private static boolean uLabel(String label) {
    if (label.isEmpty() || label.startsWith("-") || label.endsWith("-") || (label.length() >= 4 && label.startsWith("--", 2))) {
      return false;
    }
    int type = Character.getType(label.codePointAt(0));
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK) {
      return false;
    }
    return contextRules(label);
  }

  static boolean idnHostname(String s) {
    // Each code point is at least one character of the ASCII form, which holds 253 at most.
    if (s.isEmpty() || s.codePointCount(0, s.length()) > 253) {
      return false;
    }
    int total = 0;
    for (String label : s.split(IDN_DOTS, -1)) {
      boolean valid = label.regionMatches(true, 0, "xn--", 0, 4) ? aLabel(label) : uLabel(label);
      if (!valid) {
        return false;
      }
      String ascii;
      try {
        ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (ascii.isEmpty() || ascii.length() > 63) {
        return false;
      }
      total += ascii.length() + 1;
    }
    return total - 1 <= 253;
  }

  /** The contextual rules of RFC 5892 appendix A that need no Unicode tables beyond the JDK's. */
  private static boolean contextRules(String label) {
    int[] cps = label.codePoints().toArray();
    boolean katakanaMiddleDot = false;
    boolean kanaOrHan = false;
    boolean arabicIndicDigit = false;
    boolean extendedArabicIndicDigit = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      int prev = i > 0 ? cps[i - 1] : -1;
      int next = i + 1 < cps.length ? cps[i + 1] : -1;
      if (DISALLOWED_EXCEPTIONS.indexOf(c) >= 0) {
        return false;
      }
      arabicIndicDigit |= c >= 0x0660 && c <= 0x0669;
      extendedArabicIndicDigit |= c >= 0x06F0 && c <= 0x06F9;
      switch (c) {
        case 0x00B7 -> { // MIDDLE DOT: between two 'l's (Catalan)
          if (prev != 'l' || next != 'l') {
            return false;
          }
        }
        case 0x0375 -> { // GREEK LOWER NUMERAL SIGN: followed by Greek
          if (next < 0 || Character.UnicodeScript.of(next) != Character.UnicodeScript.GREEK) {
            return false;
          }
        }
        case 0x05F3, 0x05F4 -> { // HEBREW GERESH, GERSHAYIM: after Hebrew
          if (prev < 0 || Character.UnicodeScript.of(prev) != Character.UnicodeScript.HEBREW) {
            return false;
          }
        }
        case 0x200D -> { // ZERO WIDTH JOINER: after a virama
          if (prev < 0 || !isVirama(prev)) {
            return false;
          }
        }
        case 0x200C -> { // ZERO WIDTH NON-JOINER: after a virama, or inside a joining (Arabic-like) script
          if (prev < 0 || !(isVirama(prev) || (next >= 0 && joining(prev) && joining(next)))) {
            return false;
          }
        }
        case 0x30FB -> katakanaMiddleDot = true;
        default -> {
          Character.UnicodeScript sc = Character.UnicodeScript.of(c);
          kanaOrHan |= sc == Character.UnicodeScript.HIRAGANA || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HAN;
        }
      }
    }
    return (!katakanaMiddleDot || kanaOrHan) && !(arabicIndicDigit && extendedArabicIndicDigit);
  }

  /** RFC 5892 section 2.6: code points that IDNA2008 disallows although their category would not. */
  private static final String DISALLOWED_EXCEPTIONS = "\u0640\u07FA\u302E\u302F\u3031\u3032\u3033\u3034\u3035\u303B";

  /** Whether {@code c} is of a script whose letters join (where a ZWNJ may break a join). */
  private static boolean joining(int c) {
    Character.UnicodeScript sc = Character.UnicodeScript.of(c);
    return sc == Character.UnicodeScript.ARABIC || sc == Character.UnicodeScript.SYRIAC || sc == Character.UnicodeScript.NKO
        || sc == Character.UnicodeScript.MONGOLIAN || sc == Character.UnicodeScript.MANDAIC;
  }

  /** Whether {@code c} is a virama (canonical combining class 9), known here by name. */
  private static boolean isVirama(int c) {
    String name = Character.getName(c);
    return name != null && (name.contains("VIRAMA") || name.contains("HALANTA") || name.contains("AL-LAKUNA"));
  }

  static boolean ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean ipv6(String s) {
    int groups = 8;
    String body = s;
    int lastColon = s.lastIndexOf(':');
    if (lastColon >= 0 && s.indexOf('.', lastColon) >= 0) {
      if (!ipv4(s.substring(lastColon + 1))) {
        return false;
      }
      body = s.substring(0, lastColon + 1) + "0"; // the IPv4 part stands for two groups
      groups = 7;
    }
    int gap = body.indexOf("::");
    if (gap >= 0 && body.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String[] head = gap >= 0 ? split(body.substring(0, gap)) : split(body);
    String[] tail = gap >= 0 ? split(body.substring(gap + 2)) : new String[0];
    if (head == null || tail == null) {
      return false;
    }
    int count = head.length + tail.length;
    return gap >= 0 ? count < groups : count == groups;
  }

  /** Splits IPv6 groups, each 1 to 4 hex digits; null when one is not. */
  private static String[] split(String s) {
    if (s.isEmpty()) {
      return new String[0];
    }
    String[] parts = s.split(":", -1);
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
        return null;
      }
    }
    return parts;
  }

  static boolean uri(String s, boolean reference, boolean iri) {
    Matcher m = URI_PARTS.matcher(s);
    if (!m.matches()) {
      return false;
    }
    String scheme = m.group(1);
    String authority = m.group(2);
    String path = m.group(3);
    if (scheme == null ? !reference : !SCHEME.matcher(scheme).matches()) {
      return false;
    }
    if (authority != null && !authority(authority, iri)) {
      return false;
    }
    return chars(path, ":@/", iri)
        && (m.group(4) == null || chars(m.group(4), ":@/?", iri))
        && (m.group(5) == null || chars(m.group(5), ":@/?", iri));
  }

  private static boolean authority(String a, boolean iri) {
    String hostPort = a;
    int at = a.indexOf('@');
    if (at >= 0) {
      if (!chars(a.substring(0, at), ":", iri)) {
        return false;
      }
      hostPort = a.substring(at + 1);
    }
    String host;
    String port = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return false;
      }
      String literal = hostPort.substring(1, close);
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return false;
      }
      port = rest.isEmpty() ? "" : rest.substring(1);
      boolean future = literal.matches("[vV][0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~!$&'()*+,;=:]+");
      if (!future && !ipv6(literal)) {
        return false;
      }
      host = "";
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
      port = colon >= 0 ? hostPort.substring(colon + 1) : "";
    }
    return chars(host, "", iri) && port.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Whether {@code s} holds only unreserved characters, sub-delims, {@code extra} and %-escapes (and, in an IRI, non-ASCII). */
  private static boolean chars(String s, String extra, boolean iri) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0
            || s.charAt(i + 1) >= 0x80 || s.charAt(i + 2) >= 0x80) {
          return false;
        }
        i += 3;
        continue;
      }
      boolean ok = c < 0x80
          ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || "-._~!$&'()*+,;=".indexOf(c) >= 0 || extra.indexOf(c) >= 0
          : iri && c >= 0xA0 && Character.getType(c) != Character.SURROGATE;
      if (!ok) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  static boolean uriTemplate(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '{') {
        int close = s.indexOf('}', i);
        if (close < 0) {
          return false;
        }
        String expr = s.substring(i + 1, close);
        if (!expr.isEmpty() && "+#./;?&".indexOf(expr.charAt(0)) >= 0) {
          expr = expr.substring(1);
        }
        if (expr.isEmpty()) {
          return false;
        }
        for (String varspec : expr.split(",", -1)) {
          if (!TEMPLATE_VARSPEC.matcher(varspec).matches()) {
            return false;
          }
        }
        i = close + 1;
      } else if (c == '%') {
        if (!chars(s.substring(i, Math.min(i + 3, s.length())), "", false)) {
          return false;
        }
        i += 3;
      } else {
        if (c <= 0x20 || c == 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  static boolean jsonPointer(String s) {
    if (s.isEmpty()) {
      return true;
    }
    if (s.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '~' && (i + 1 == s.length() || (s.charAt(i + 1) != '0' && s.charAt(i + 1) != '1'))) {
        return false;
      }
    }
    return true;
  }

  static boolean relativeJsonPointer(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == 0 || (i > 1 && s.charAt(0) == '0')) {
      return false;
    }
    String rest = s.substring(i);
    return rest.equals("#") || jsonPointer(rest);
  }

  /** Whether {@code s} has {@code <name>} at {@code at}: a named group's name. */
  private static boolean groupName(String s, int at) {
    if (!s.startsWith("<", at) || at + 1 >= s.length()) {
      return false;
    }
    for (int j = at + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '>') {
        return j > at + 1;
      }
      boolean ok = c == '_' || c == '$' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (j > at + 1 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return false;
  }

  /** Whether {@code s} is an ECMA-262 regular expression that jcdi can evaluate. */
  static boolean regex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        if (Character.isLetter(e) && e < 0x80 && "bBdDwWsSfnrtvcxupPk".indexOf(e) < 0) {
          return false; // \a, \Z, \z, \A, \e, ...: no ECMA-262 escape
        }
      } else if (c == '(' && s.startsWith("(?", i)) {
        int at = i + 2;
        boolean ecma = s.startsWith(":", at) || s.startsWith("=", at) || s.startsWith("!", at)
            || s.startsWith("<=", at) || s.startsWith("<!", at) || groupName(s, at);
        if (!ecma) {
          return false; // inline flags, (?P<...>), (?#...), atomic and possessive groups
        }
      }
    }
    try {
      Pattern.compile(SchemaSet.ecma(s));
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
