package dev.jcdi.spec;

import java.util.List;
import java.util.Set;

/**
 * An OCI lifecycle hook added to the container. Absent optional fields are {@code null}.
 *
 * @param hookName the OCI hook kind, one of {@link #HOOK_NAMES}; required
 * @param path the absolute path of the executable; required
 * @param args the arguments including {@code argv[0]}, or {@code null}
 * @param env {@code KEY=VALUE} entries, or {@code null}
 * @param timeout the timeout in seconds, or {@code null}
 */
public record Hook(String hookName, String path, List<String> args, List<String> env, Long timeout) {

  public static final String PRESTART = "prestart";
  public static final String CREATE_RUNTIME = "createRuntime";
  public static final String CREATE_CONTAINER = "createContainer";
  public static final String START_CONTAINER = "startContainer";
  public static final String POSTSTART = "poststart";
  public static final String POSTSTOP = "poststop";

  /** Every hook name the spec allows, in OCI lifecycle order. */
  public static final List<String> HOOK_NAMES =
      List.of(PRESTART, CREATE_RUNTIME, CREATE_CONTAINER, START_CONTAINER, POSTSTART, POSTSTOP);

  private static final Set<String> NAMES = Set.copyOf(HOOK_NAMES);

  public Hook {
    args = Lists.copy(args, "hook args");
    env = Lists.copy(env, "hook env");
  }

  /** Returns a hook that runs {@code path} with the given arguments ({@code argv[0]} first). */
  public static Hook of(String hookName, String path, String... args) {
    return new Hook(hookName, path, args.length == 0 ? null : List.of(args), null, null);
  }

  /** Returns whether {@code name} is one of the hook names the spec allows (case-sensitive). */
  public static boolean isValidHookName(String name) {
    return name != null && NAMES.contains(name);
  }
}
