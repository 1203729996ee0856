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
    return dev.jcdi.spec.internal.GoFilepath.clean(path);
  }

  /**
   * Returns true only when {@code clean(path)} is {@code path} itself: an absolute path whose
   * elements are all non-empty and neither {@code .} nor {@code ..} (the shape of nearly every
   * mount destination), checked without building anything. False means "clean it to know".
   */
  static boolean isClean(String path) {
    int n = path.length();
    if (n == 0 || path.charAt(0) != '/') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    int start = 1;
    for (int i = 1; i <= n; i++) {
      if (i == n || path.charAt(i) == '/') {
        int len = i - start;
        if (len == 0
            || (len == 1 && path.charAt(start) == '.')
            || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /**
   * Returns the number of {@code /} in the cleaned {@code path}: the key by which the reference
   * orders mounts ({@code "/"} and {@code "/a/"} are 1, {@code "rel"} is 0).
   */
  public static int depth(String path) {
    String clean = isClean(path) ? path : clean(path);
    int count = 0;
    for (int i = 0; i < clean.length(); i++) {
      if (clean.charAt(i) == '/') {
        count++;
      }
    }
    return count;
  }
}
