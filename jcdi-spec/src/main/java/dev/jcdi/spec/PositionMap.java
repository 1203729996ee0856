package dev.jcdi.spec;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The field positions a {@link SpecReader} hands to its {@link SpecDocument}: a read-only view of
 * the map the binder filled, which nothing else holds, so the document need not copy it (a copy of
 * a few thousand positions per file costs a cold process milliseconds). It behaves as the map
 * {@link Map#copyOf} would give: no change of any kind, and {@code null} refused as a key or value
 * to look up.
 */
final class PositionMap extends AbstractMap<String, SourcePosition> {
  private final Map<String, SourcePosition> map;
  private final Set<Map.Entry<String, SourcePosition>> entries;

  /** Wraps {@code owned}, which the caller hands over and never changes again. */
  PositionMap(Map<String, SourcePosition> owned) {
    this.map = owned;
    this.entries = Collections.unmodifiableMap(owned).entrySet();
  }

  @Override
  public Set<Map.Entry<String, SourcePosition>> entrySet() {
    return entries;
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public SourcePosition get(Object key) {
    return map.get(Objects.requireNonNull(key));
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(Objects.requireNonNull(key));
  }

  @Override
  public boolean containsValue(Object value) {
    return map.containsValue(Objects.requireNonNull(value));
  }

  @Override
  public SourcePosition getOrDefault(Object key, SourcePosition defaultValue) {
    SourcePosition v = get(key);
    return v != null ? v : defaultValue;
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("the positions of a spec document are read-only");
  }

  @Override
  public SourcePosition put(String key, SourcePosition value) {
    throw readOnly();
  }

  @Override
  public void putAll(Map<? extends String, ? extends SourcePosition> m) {
    throw readOnly();
  }

  @Override
  public SourcePosition remove(Object key) {
    throw readOnly();
  }

  @Override
  public boolean remove(Object key, Object value) {
    throw readOnly();
  }

  @Override
  public void clear() {
    throw readOnly();
  }

  @Override
  public SourcePosition putIfAbsent(String key, SourcePosition value) {
    throw readOnly();
  }

  @Override
  public boolean replace(String key, SourcePosition oldValue, SourcePosition newValue) {
    throw readOnly();
  }

  @Override
  public SourcePosition replace(String key, SourcePosition value) {
    throw readOnly();
  }

  @Override
  public void replaceAll(BiFunction<? super String, ? super SourcePosition, ? extends SourcePosition> function) {
    throw readOnly();
  }

  @Override
  public SourcePosition computeIfAbsent(String key, Function<? super String, ? extends SourcePosition> f) {
    throw readOnly();
  }

  @Override
  public SourcePosition computeIfPresent(String key, BiFunction<? super String, ? super SourcePosition, ? extends SourcePosition> f) {
    throw readOnly();
  }

  @Override
  public SourcePosition compute(String key, BiFunction<? super String, ? super SourcePosition, ? extends SourcePosition> f) {
    throw readOnly();
  }

  @Override
  public SourcePosition merge(
      String key, SourcePosition value, BiFunction<? super SourcePosition, ? super SourcePosition, ? extends SourcePosition> f) {
    throw readOnly();
  }
}
