package dev.jcdi.runtime.internal;

/** Go's {@code path/filepath} functions for Unix paths, as the reference uses them. */
public final class GoPaths {
  private GoPaths() {}

  /**
   * Returns the shortest path equivalent to {@code path} by purely lexical processing, exactly as
   * Go's {@code filepath.Clean} on Unix: repeated separators collapse, {@code .} elements go,
   * {@code ..} removes the element before it (and is dropped at the root), a trailing separator
   * goes, and an empty result is {@code "."}.
   */
  public static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    int n = path.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      char c = path.charAt(r);
      if (c == '/') {
        r++;
      } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
        r++;
      } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && path.charAt(r) != '/') {
          out.append(path.charAt(r));
          r++;
        }
      }
    }
    return out.length() == 0 ? "." : out.toString();
  }

  /**
   * Returns the number of {@code /} in the cleaned {@code path}: the key by which the reference
   * orders mounts ({@code "/"} and {@code "/a/"} are 1, {@code "rel"} is 0).
   */
  public static int depth(String path) {
    String clean = clean(path);
    int count = 0;
    for (int i = 0; i < clean.length(); i++) {
      if (clean.charAt(i) == '/') {
        count++;
      }
    }
    return count;
  }
}
