package io.e2ee4j.core;

import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.internal.ServiceDiscovery;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable catalogue of encryption types, by id. Built from what {@link java.util.ServiceLoader}
 * finds ({@link #loadInstalled()}, or in a plugin {@link ModuleLayer} or class loader) or from an
 * explicit list; passed to whoever needs it, never global.
 *
 * <p>Two types with one id are refused, naming both classes. Asking for an unknown id fails with
 * a message listing the installed ids.
 *
 * <p>Immutable and thread-safe.
 */
public final class EncryptionTypeCatalog {

  private final Map<String, EncryptionType> byId;

  private EncryptionTypeCatalog(Map<String, EncryptionType> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /**
   * The types installed on the module path and class path of this module's loader.
   *
   * @throws IllegalStateException if two installed types share an id
   * @throws java.util.ServiceConfigurationError if a provider fails to load
   */
  public static EncryptionTypeCatalog loadInstalled() {
    return of(ServiceDiscovery.providers(EncryptionType.class, null, EncryptionTypeCatalog.class.getClassLoader()));
  }

  /** The types provided by modules of {@code layer} and its parents. */
  public static EncryptionTypeCatalog load(ModuleLayer layer) {
    Objects.requireNonNull(layer, "layer is null");
    return of(ServiceDiscovery.providers(EncryptionType.class, layer, null));
  }

  /** The types visible to {@code loader} (named modules defined to it and {@code META-INF/services}). */
  public static EncryptionTypeCatalog load(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader is null");
    return of(ServiceDiscovery.providers(EncryptionType.class, null, loader));
  }

  /**
   * A catalogue of exactly {@code types}.
   *
   * @throws IllegalStateException if two share an id
   */
  public static EncryptionTypeCatalog of(Collection<? extends EncryptionType> types) {
    Map<String, EncryptionType> byId = new LinkedHashMap<>();
    for (EncryptionType type : types) {
      Objects.requireNonNull(type, "type is null");
      String id = Objects.requireNonNull(type.id(), () -> type.getClass().getName() + ".id() is null");
      EncryptionType previous = byId.putIfAbsent(id, type);
      if (previous != null) {
        throw new IllegalStateException("two encryption types have the id '" + id + "': "
            + previous.getClass().getName() + " and " + type.getClass().getName());
      }
    }
    return new EncryptionTypeCatalog(byId);
  }

  /** A catalogue with {@code type} added, or replacing the type with its id. */
  public EncryptionTypeCatalog with(EncryptionType type) {
    Objects.requireNonNull(type, "type is null");
    Map<String, EncryptionType> copy = new LinkedHashMap<>(byId);
    copy.put(type.id(), type);
    return new EncryptionTypeCatalog(copy);
  }

  /**
   * The type with {@code id}.
   *
   * @throws IllegalArgumentException listing the installed ids if there is none
   */
  public EncryptionType get(String id) {
    EncryptionType type = byId.get(id);
    if (type == null) {
      throw new IllegalArgumentException("no encryption type '" + id + "' is installed; installed: "
          + (byId.isEmpty() ? "none (is a cipher module such as e2ee4j-cipher-gcm on the path?)" : String.join(", ", byId.keySet())));
    }
    return type;
  }

  /** The type with {@code id}, if installed. */
  public Optional<EncryptionType> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The installed ids, in discovery order. */
  public Set<String> ids() {
    return byId.keySet();
  }

  /** The installed types, in discovery order. */
  public List<EncryptionType> types() {
    return List.copyOf(byId.values());
  }

  @Override
  public String toString() {
    return "EncryptionTypeCatalog" + byId.keySet();
  }
}
