package dev.jcdi.spec;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An OCI lifecycle hook added to the container. No component is ever {@code null}: absent lists
 * are empty, an absent timeout is {@link OptionalLong#empty()}, and the constructor reads a {@code
 * null} argument as absent.
 *
 * @param hookName the OCI hook kind, one of {@link #HOOK_NAMES}; required ({@code ""} when absent)
 * @param path the absolute path of the executable; required ({@code ""} when absent)
 * @param args the arguments including {@code argv[0]}
 * @param env {@code KEY=VALUE} entries
 * @param timeout the timeout in seconds
 */
public record Hook(String hookName, String path, List<String> args, List<String> env, OptionalLong timeout) {

  /**
   * The hook name for hooks run after the container is created, before the user process starts
   * (deprecated in OCI).
   */
  public static final String PRESTART = "prestart";
  /** The hook name for hooks run in the runtime namespace after the container is created. */
  public static final String CREATE_RUNTIME = "createRuntime";
  /** The hook name for hooks run in the container namespace after the container is created. */
  public static final String CREATE_CONTAINER = "createContainer";
  /** The hook name for hooks run in the container namespace before the user process starts. */
  public static final String START_CONTAINER = "startContainer";
  /** The hook name for hooks run after the user process starts. */
  public static final String POSTSTART = "poststart";
  /** The hook name for hooks run after the container is deleted. */
  public static final String POSTSTOP = "poststop";

  /** Every hook name the spec allows, in OCI lifecycle order. */
  public static final List<String> HOOK_NAMES =
      List.of(PRESTART, CREATE_RUNTIME, CREATE_CONTAINER, START_CONTAINER, POSTSTART, POSTSTOP);

  private static final Set<String> NAMES = Set.copyOf(HOOK_NAMES);

  /**
   * Copies the lists and reads {@code null} as absent.
   *
   * @param hookName the OCI hook kind, one of {@link #HOOK_NAMES}; required ({@code ""} when absent)
   * @param path the absolute path of the executable; required ({@code ""} when absent)
   * @param args the arguments including {@code argv[0]}
   * @param env {@code KEY=VALUE} entries
   * @param timeout the timeout in seconds
   */
  public Hook {
    hookName = Lists.text(hookName);
    path = Lists.text(path);
    timeout = Lists.optional(timeout);
    args = Lists.copy(args, "hook args");
    env = Lists.copy(env, "hook env");
  }

  /**
   * Returns a hook that runs {@code path} with the given arguments ({@code argv[0]} first).
   *
   * @param hookName the OCI hook kind
   * @param path the absolute path of the executable
   * @param args the arguments including {@code argv[0]}
   * @return a new hook
   */
  public static Hook of(String hookName, String path, String... args) {
    return new Hook(hookName, path, List.of(args), List.of(), OptionalLong.empty());
  }

  /**
   * Returns this hook with the given timeout.
   *
   * @param seconds the timeout in seconds
   * @return a new hook
   */
  public Hook withTimeout(long seconds) {
    return new Hook(hookName, path, args, env, OptionalLong.of(seconds));
  }

  /**
   * Returns whether {@code name} is one of the hook names the spec allows (case-sensitive).
   *
   * @param name a hook name
   * @return whether it is one of {@link #HOOK_NAMES}
   */
  public static boolean isValidHookName(String name) {
    return name != null && NAMES.contains(name);
  }
}
