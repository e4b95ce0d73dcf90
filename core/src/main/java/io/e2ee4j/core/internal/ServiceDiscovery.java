package io.e2ee4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The project's one place that calls {@link ServiceLoader}. Providers are instantiated eagerly so
 * that a broken plugin fails here, with its name, rather than later on a hot path.
 */
public final class ServiceDiscovery {

  private ServiceDiscovery() {}

  /**
   * Every provider of {@code service} in {@code layer} (and its parents) when it is not null,
   * otherwise every provider visible to {@code loader} (module path and {@code META-INF/services}).
   *
   * @throws java.util.ServiceConfigurationError naming the provider that failed to load
   */
  public static <S> List<S> providers(Class<S> service, ModuleLayer layer, ClassLoader loader) {
    ServiceLoader<S> serviceLoader =
        layer != null ? ServiceLoader.load(layer, service) : ServiceLoader.load(service, loader);
    List<S> found = new ArrayList<>();
    serviceLoader.forEach(found::add);
    return found;
  }
}
