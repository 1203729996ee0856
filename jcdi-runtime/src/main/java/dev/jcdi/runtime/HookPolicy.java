package dev.jcdi.runtime;

import dev.jcdi.spec.internal.GoFilepath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which programs the hooks of injected devices may run: every program (the default, as the
 * reference), or only those whose {@code path} matches one of a list of globs.
 *
 * <p>A glob is an absolute path pattern with Go's {@code filepath.Match} rules: {@code *} is any
 * run of characters but {@code /}, {@code ?} one character but {@code /}, {@code [a-z]} and {@code
 * [^a-z]} a class, {@code \} quotes the next character. One addition: a last element {@code **}
 * matches everything below a directory at any depth ({@code /opt/vendor/**} allows {@code
 * /opt/vendor/bin/hook}; {@code /usr/bin/*} allows {@code /usr/bin/hook} only). {@code **}
 * anywhere else is an error, and so are relative, malformed and overlong (more than 4096
 * characters) globs.
 *
 * <p>Matching is lexical and the path must say exactly what runs: under a policy other than {@link
 * #allowAll()}, a hook path that is not clean ({@code .} or {@code ..} elements, {@code //}, a
 * trailing {@code /}) is refused whatever the globs say, because the kernel resolves {@code ..}
 * after symbolic links and {@code /usr/bin/link/../x} may run a program outside {@code /usr/bin}.
 * Symbolic links themselves are not resolved: allow only directories whose contents you trust.
 *
 * <p>Immutable and thread-safe. Give it to {@link Registry.Builder#hookPolicy}; {@link
 * Registry#inject} then throws {@link HookNotAllowedException} for a device whose hooks (its own
 * and its spec's) would run a program the policy does not allow.
 */
public final class HookPolicy {
  private static final HookPolicy ALLOW_ALL = new HookPolicy(null, List.of());

  /** The globs as given; null for allow-all. */
  private final List<String> globs;
  private final List<Rule> rules;

  /** One glob: a pattern for the whole path, or for the directory above everything below it ({@code dir/**}). */
  private record Rule(GoFilepath.Pattern pattern, boolean below, int slashes) {
    boolean allows(String path) {
      if (!below) {
        return pattern.matches(path);
      }
      if (pattern.text().isEmpty()) {
        return path.length() > 1; // "/**": everything below the root
      }
      for (int j = 1; j < path.length() - 1; j++) {
        if (path.charAt(j) != '/') {
          continue;
        }
        // Without a class, the directory part holds exactly as many '/' as the pattern: one try.
        if (slashes >= 0 && count(path, j) != slashes) {
          continue;
        }
        if (pattern.matches(path.substring(0, j))) {
          return true;
        }
      }
      return false;
    }

    private static int count(String s, int end) {
      int n = 0;
      for (int i = 0; i < end; i++) {
        if (s.charAt(i) == '/') {
          n++;
        }
      }
      return n;
    }
  }

  private HookPolicy(List<String> globs, List<Rule> rules) {
    this.globs = globs;
    this.rules = rules;
  }

  /** {@return the policy that allows every hook: the default, as the reference} */
  public static HookPolicy allowAll() {
    return ALLOW_ALL;
  }

  /**
   * {@return the policy that allows only hooks whose path matches one of {@code globs} (see the
   * class comment); an empty list allows no hook at all}
   *
   * @param globs absolute path globs
   * @throws IllegalArgumentException naming the glob when one is relative, malformed, too long or
   *     uses {@code **} other than as its last element
   */
  public static HookPolicy allowing(List<String> globs) {
    List<String> copy = List.copyOf(Objects.requireNonNull(globs, "globs"));
    List<Rule> rules = new ArrayList<>(copy.size());
    for (String glob : copy) {
      rules.add(rule(glob));
    }
    return new HookPolicy(copy, List.copyOf(rules));
  }

  /**
   * Like {@link #allowing(List)}.
   *
   * @param globs absolute path globs
   * @return the policy that allows only hooks whose path matches one of {@code globs}
   */
  public static HookPolicy allowing(String... globs) {
    return allowing(List.of(globs));
  }

  private static Rule rule(String glob) {
    String quoted = dev.jcdi.spec.internal.Text.quote(GoFilepath.abbreviate(glob));
    if (!glob.startsWith("/")) {
      throw new IllegalArgumentException("invalid hook glob " + quoted + ": it must be an absolute path pattern");
    }
    String error = GoFilepath.patternError(glob);
    if (error != null) {
      throw new IllegalArgumentException("invalid hook glob " + quoted + ": " + error);
    }
    boolean below = glob.endsWith("/**");
    String pattern = below ? glob.substring(0, glob.length() - 3) : glob;
    if (pattern.contains("**")) {
      throw new IllegalArgumentException(
          "invalid hook glob " + quoted + ": '**' is allowed only as the last element ('/dir/**')");
    }
    return new Rule(GoFilepath.compile(pattern), below, pattern.contains("[") ? -1 : slashes(pattern));
  }

  /** Counts the '/' a match of {@code pattern} (without a class) must contain. */
  private static int slashes(String pattern) {
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
        if (i < pattern.length() && pattern.charAt(i) == '/') {
          n++;
        }
      } else if (c == '/') {
        n++;
      }
    }
    return n;
  }

  /** {@return whether this policy allows every hook} */
  public boolean allowsAll() {
    return globs == null;
  }

  /** {@return the globs, in the order given; empty for {@link #allowAll()}} */
  public List<String> globs() {
    return globs == null ? List.of() : globs;
  }

  /**
   * {@return whether a hook running {@code path} is allowed}
   *
   * @param path the hook's path, as the spec gives it
   */
  public boolean allows(String path) {
    return refusal(path) == null;
  }

  /** Returns why a hook running {@code path} is refused, or null when it is allowed. */
  String refusal(String path) {
    if (globs == null) {
      return null;
    }
    if (path == null || path.length() > GoFilepath.MAX_PATTERN_LENGTH) {
      return "the hook path is missing or longer than " + GoFilepath.MAX_PATTERN_LENGTH + " characters";
    }
    String clean = GoFilepath.clean(path);
    if (!clean.equals(path)) {
      return "the hook path is not clean (it resolves to " + dev.jcdi.spec.internal.Text.quote(clean)
          + " only if no element is a symbolic link)";
    }
    for (Rule r : rules) {
      if (r.allows(path)) {
        return null;
      }
    }
    return globs.isEmpty() ? "the hook policy allows no hooks" : "no allowed hook glob matches it";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HookPolicy p && Objects.equals(globs, p.globs);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(globs);
  }

  @Override
  public String toString() {
    return globs == null ? "HookPolicy[allow all]" : "HookPolicy" + globs;
  }
}
