package dev.jcdi.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by {@link Registry#inject} when a requested device's hooks (its own or its spec's) would
 * run a program the registry's {@link HookPolicy} does not allow; nothing was injected. The message
 * names every refused hook: device, spec file, hook kind and path.
 */
public final class HookNotAllowedException extends InjectionException {
  private static final long serialVersionUID = 1L;

  /**
   * One refused hook.
   *
   * @param device the qualified name of the requested device
   * @param specFile the spec file that defines the device
   * @param hookName the hook's kind, e.g. {@code createContainer}
   * @param hookPath the program the hook would run
   * @param reason why the policy refuses it
   */
  public record Refusal(String device, Path specFile, String hookName, String hookPath, String reason) {
    /**
     * Checks that no component but {@code hookName} is {@code null}.
     *
     * @param device the qualified name of the requested device
     * @param specFile the spec file that defines the device
     * @param hookName the hook's kind, e.g. {@code createContainer}
     * @param hookPath the program the hook would run
     * @param reason why the policy refuses it
     */
    public Refusal {
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(specFile, "specFile");
      Objects.requireNonNull(hookPath, "hookPath");
      Objects.requireNonNull(reason, "reason");
    }

    /** Returns one line naming the device, the spec file and the hook. */
    @Override
    public String toString() {
      return "device " + device + " (" + specFile + "): " + (hookName == null ? "hook" : hookName + " hook") + " "
          + dev.jcdi.spec.internal.Text.quote(hookPath) + " is not allowed: " + reason;
    }
  }

  private final transient List<Refusal> refusals;

  /**
   * Returns an exception for {@code refusals}, in request order; at least one.
   *
   * @param refusals the refused hooks, in request order
   */
  public HookNotAllowedException(List<Refusal> refusals) {
    super(message(refusals));
    this.refusals = List.copyOf(refusals);
  }

  private static String message(List<Refusal> refusals) {
    if (refusals.isEmpty()) {
      throw new IllegalArgumentException("no refused hooks");
    }
    StringBuilder b = new StringBuilder();
    for (Refusal r : refusals) {
      b.append(b.length() == 0 ? "" : "; ").append(r);
    }
    return b.toString();
  }

  /** {@return the refused hooks, in request order} */
  public List<Refusal> refusals() {
    return refusals;
  }
}
