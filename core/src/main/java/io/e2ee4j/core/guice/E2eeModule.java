package io.e2ee4j.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.data.DataPacketCryptorFactory;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.E2eeManagerOptions;
import io.e2ee4j.core.EncryptionTypeCatalog;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Guice bindings for an {@link E2eeManager}, made by the same {@link E2eeManager#builder()} a user
 * without Guice calls, so both give the same object graph.
 *
 * <p>What it binds, and how a module of yours changes it:
 *
 * <table>
 *   <caption>Bindings</caption>
 *   <tr><th>binding</th><th>default</th><th>to change it</th></tr>
 *   <tr><td>{@code Map<String, EncryptionType>} (MapBinder)</td><td>the types {@link
 *       java.util.ServiceLoader} finds, by id</td><td>add one: {@link #encryptionTypes(Binder)}{@code
 *       .addBinding("id")}; replace an installed one, such as {@code "gcm"}: {@link
 *       #replaceEncryptionType(Binder, String)}</td></tr>
 *   <tr><td>{@code Map<String, FrameCryptorFactory>} (MapBinder)</td><td>the factories ServiceLoader
 *       finds (with {@code e2ee4j-transport-webrtc}: {@code "livekit"})</td><td>{@link
 *       #frameCryptorFactories(Binder)}{@code .addBinding("id")}</td></tr>
 *   <tr><td>{@code Map<String, DataPacketCryptorFactory>} (MapBinder)</td><td>the factories
 *       ServiceLoader finds (with {@code e2ee4j-transport-datachannel}: {@code "livekit"})</td><td>{@link
 *       #dataPacketCryptorFactories(Binder)}{@code .addBinding("id")}</td></tr>
 *   <tr><td>{@code KeyProvider} (OptionalBinder)</td><td>a {@link DefaultKeyProvider}, which the
 *       manager owns and closes</td><td>{@link #replaceKeyProvider(Binder)} (the manager then does
 *       not close it)</td></tr>
 *   <tr><td>{@code KeyProviderOptions} (OptionalBinder)</td><td>{@link KeyProviderOptions#defaults()},
 *       for the default provider</td><td>{@link #keyProviderOptions(Binder)}</td></tr>
 *   <tr><td>{@code E2eeManagerOptions} (OptionalBinder)</td><td>{@link E2eeManagerOptions#defaults()}</td>
 *       <td>{@link #managerOptions(Binder)}</td></tr>
 *   <tr><td>{@code E2eeManager}</td><td>a singleton built from the above</td><td></td></tr>
 * </table>
 *
 * <p>Adding a type under an id that is installed already is refused by Guice as a duplicate map
 * key; replace it instead. Discovery happens when the module is constructed; {@link #configure()}
 * only binds what was found.
 *
 * <p>On the module path Guice calls this module's {@code @Provides} methods reflectively, so
 * {@code io.e2ee4j.core} opens this package to {@code com.google.guice}. On JDK 24 and later, set
 * {@code -Dguice_custom_class_loading=CHILD} to keep Guice off {@code sun.misc.Unsafe}.
 *
 * <p>Thread safety: the module is immutable apart from remembering which key providers it
 * created (a synchronized weak set); it may be installed in several injectors.
 */
public final class E2eeModule extends AbstractModule {

  private static final String TYPE_KEY_PREFIX = "io.e2ee4j.encryption-type:";

  private final EncryptionTypeCatalog encryptionTypes;
  private final List<FrameCryptorFactory> factories;
  private final List<DataPacketCryptorFactory> dataFactories;
  private final Set<KeyProvider> createdKeyProviders = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  /**
   * Binds the encryption types, frame-cryptor factories and data-packet cryptor factories {@link
   * java.util.ServiceLoader} finds now.
   */
  public E2eeModule() {
    this(EncryptionTypeCatalog.loadInstalled(), E2eeManager.installedFrameCryptorFactories(),
        E2eeManager.installedDataPacketCryptorFactories());
  }

  /**
   * Binds exactly these encryption types and frame-cryptor factories, and no data-packet cryptor
   * factory (for plugin layers and tests).
   */
  public E2eeModule(EncryptionTypeCatalog encryptionTypes, Collection<? extends FrameCryptorFactory> factories) {
    this(encryptionTypes, factories, List.of());
  }

  /** Binds exactly these encryption types, frame-cryptor factories and data-packet cryptor factories. */
  public E2eeModule(EncryptionTypeCatalog encryptionTypes, Collection<? extends FrameCryptorFactory> factories,
      Collection<? extends DataPacketCryptorFactory> dataFactories) {
    this.encryptionTypes = Objects.requireNonNull(encryptionTypes, "encryptionTypes is null");
    this.factories = List.copyOf(Objects.requireNonNull(factories, "factories is null"));
    this.dataFactories = List.copyOf(Objects.requireNonNull(dataFactories, "dataFactories is null"));
  }

  @Override
  protected void configure() {
    MapBinder<String, EncryptionType> types = encryptionTypes(binder());
    for (EncryptionType type : encryptionTypes.types()) {
      Key<EncryptionType> key = encryptionTypeKey(type.id());
      OptionalBinder.newOptionalBinder(binder(), key).setDefault().toInstance(type);
      types.addBinding(type.id()).to(key);
    }
    MapBinder<String, FrameCryptorFactory> frameFormats = frameCryptorFactories(binder());
    for (FrameCryptorFactory factory : factories) {
      frameFormats.addBinding(factory.id()).toInstance(factory);
    }
    MapBinder<String, DataPacketCryptorFactory> dataFormats = dataPacketCryptorFactories(binder());
    for (DataPacketCryptorFactory factory : dataFactories) {
      dataFormats.addBinding(factory.id()).toInstance(factory);
    }
    OptionalBinder.newOptionalBinder(binder(), KeyProviderOptions.class).setDefault()
        .toInstance(KeyProviderOptions.defaults());
    OptionalBinder.newOptionalBinder(binder(), E2eeManagerOptions.class).setDefault()
        .toInstance(E2eeManagerOptions.defaults());
    OptionalBinder.newOptionalBinder(binder(), KeyProvider.class).setDefault()
        .to(Key.get(KeyProvider.class, ModuleDefault.class));
  }

  @Provides
  @Singleton
  @ModuleDefault
  KeyProvider defaultKeyProvider(KeyProviderOptions options) {
    DefaultKeyProvider provider = new DefaultKeyProvider(options);
    createdKeyProviders.add(provider);
    return provider;
  }

  @Provides
  @Singleton
  E2eeManager e2eeManager(KeyProvider keyProvider, Map<String, EncryptionType> types,
      Map<String, FrameCryptorFactory> frameFormats, Map<String, DataPacketCryptorFactory> dataFormats,
      E2eeManagerOptions options) {
    return E2eeManager.builder()
        .keyProvider(keyProvider, createdKeyProviders.contains(keyProvider))
        .encryptionTypes(types)
        .frameCryptorFactories(frameFormats.values())
        .dataPacketCryptorFactories(dataFormats.values())
        .options(options)
        .build();
  }

  // ---- for users' modules ----

  /** The map of encryption types by id; {@code addBinding("id")} adds a type under a new id. */
  public static MapBinder<String, EncryptionType> encryptionTypes(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, EncryptionType.class);
  }

  /** The key under which the installed encryption type {@code id} is bound before it enters the map. */
  public static Key<EncryptionType> encryptionTypeKey(String id) {
    Objects.requireNonNull(id, "id is null");
    return Key.get(EncryptionType.class, Names.named(TYPE_KEY_PREFIX + id));
  }

  /**
   * Replaces the installed encryption type {@code id} (for example {@code "gcm"} with one on
   * another JCA provider). The replacement must report the same id. For an id that is not
   * installed, use {@link #encryptionTypes(Binder)} instead: a replacement has nothing to replace.
   */
  public static LinkedBindingBuilder<EncryptionType> replaceEncryptionType(Binder binder, String id) {
    return OptionalBinder.newOptionalBinder(binder, encryptionTypeKey(id)).setBinding();
  }

  /** The map of frame-cryptor factories by id; {@code addBinding("id")} adds one. */
  public static MapBinder<String, FrameCryptorFactory> frameCryptorFactories(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, FrameCryptorFactory.class);
  }

  /** The map of data-packet cryptor factories by id; {@code addBinding("id")} adds one. */
  public static MapBinder<String, DataPacketCryptorFactory> dataPacketCryptorFactories(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, DataPacketCryptorFactory.class);
  }

  /** Replaces the default key provider; the manager will not close the replacement. */
  public static LinkedBindingBuilder<KeyProvider> replaceKeyProvider(Binder binder) {
    return OptionalBinder.newOptionalBinder(binder, KeyProvider.class).setBinding();
  }

  /** Sets the options of the default key provider. */
  public static LinkedBindingBuilder<KeyProviderOptions> keyProviderOptions(Binder binder) {
    return OptionalBinder.newOptionalBinder(binder, KeyProviderOptions.class).setBinding();
  }

  /** Sets the manager's options. */
  public static LinkedBindingBuilder<E2eeManagerOptions> managerOptions(Binder binder) {
    return OptionalBinder.newOptionalBinder(binder, E2eeManagerOptions.class).setBinding();
  }

  @Override
  public String toString() {
    return "E2eeModule[encryptionTypes=" + encryptionTypes.ids() + ", frameFormats="
        + factories.stream().map(FrameCryptorFactory::id).toList() + ", dataFormats="
        + dataFactories.stream().map(DataPacketCryptorFactory::id).toList() + "]";
  }
}
