package io.e2ee4j.core;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.E2eeStateListener;
import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketCryptorFactory;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.internal.ServiceDiscovery;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The entry point of an application that encrypts a room: it holds the {@link KeyProvider}, the
 * encryption types and the frame-cryptor factory, makes a {@link FrameCryptor} for every local
 * track (encrypting) and remote track (decrypting) and a data-packet cryptor for the data channel,
 * switches encryption on and off, and tells listeners when a track's encryption state changes.
 *
 * <p><b>Making one.</b> {@link #builder()} for plain Java; {@link io.e2ee4j.core.guice.E2eeModule}
 * for Guice, which calls the same builder, so both give the same object graph. By default the
 * encryption types and the frame- and data-packet-cryptor factories are what {@link
 * java.util.ServiceLoader} finds (for media, put {@code e2ee4j-transport-webrtc} on the path; for
 * data packets {@code e2ee4j-transport-datachannel}), the key provider is a {@link
 * DefaultKeyProvider} the manager owns, frames and data packets use {@code "gcm"}, and a receiver
 * refuses plaintext frames while its cryptor is disabled, and clear data packets of cases LiveKit
 * sends encrypted ({@link E2eeManagerOptions#unencryptedFramePolicy()} decides both).
 *
 * <p><b>Switching encryption.</b> Two switches decide whether a cryptor is enabled: the
 * manager's ({@link #setEnabled(boolean)}) and the participant's ({@link
 * #setEnabled(ParticipantId, boolean)}, on until switched off). A cryptor is enabled when both are
 * on. A disabled sender forwards plaintext (logged once per track); a disabled receiver applies
 * {@link E2eeManagerOptions#unencryptedFramePolicy()}: by default it drops plaintext frames and
 * reports {@link E2eeState#INTERNAL_ERROR} ("plaintext where encryption is required"). Switch a
 * remote participant off when the room says its tracks are not encrypted; build the manager with
 * {@link UnencryptedFramePolicy#ACCEPT} if you then want its plaintext.
 *
 * <p><b>States.</b> Each cryptor reports its state per participant, track and direction only when
 * it changes; the manager passes each change to the listeners registered for all participants and
 * to those registered for that participant, on the thread that processed the frame, and logs it
 * (at most one line per second and five per minute for each participant, direction and state).
 * Changes are coalesced per track: up to four are passed on at once, then at most one a second,
 * so a state that flaps is reported once a second with the count of changes it stands for ({@link
 * E2eeStateEvent#coalescedChanges()}); the latest state always follows, at the next frame after
 * the second is over. {@link ManagedFrameCryptor#state()} is always the current state.
 *
 * <p><b>Participants who leave.</b> Call {@link #removeParticipant} so their cryptors, switch,
 * listeners and keys go. Data packets never create state for the identity they name.
 *
 * <p><b>Closing.</b> {@link #close()} closes every cryptor it made (later frames are dropped),
 * forgets its listeners and switches, and closes (wiping the keys of) a key provider it owns: the
 * one it created, or one handed over with {@link Builder#keyProvider(KeyProvider, boolean)}.
 *
 * <p><b>Thread safety.</b> Safe for concurrent use. The frame path ({@link FrameCryptor#process})
 * never touches a lock of the manager; listener lists are copy-on-write. Creating, switching and
 * closing cryptors serialise on one lock of this manager, so a cryptor created while a switch
 * flips gets the switch's new value.
 */
public final class E2eeManager implements AutoCloseable {

  private static final Logger LOG = System.getLogger(E2eeManager.class.getName());

  private final KeyProvider keyProvider;
  private final boolean ownsKeyProvider;
  private final EncryptionTypeCatalog encryptionTypes;
  private final EncryptionType frameEncryptionType;
  private final EncryptionType dataEncryptionType;
  private final Map<String, FrameCryptorFactory> frameCryptorFactories;
  private final FrameCryptorFactory frameCryptorFactory;
  private final Map<String, DataPacketCryptorFactory> dataPacketCryptorFactories;
  private final DataPacketCryptorFactory dataPacketCryptorFactory;
  private final E2eeManagerOptions options;
  private final LongSupplier nanoClock;
  private final StateLogRateLimiter logLimiter;
  private final E2eeStateListener router = this::route;

  private final CopyOnWriteArrayList<E2eeStateListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<ParticipantId, CopyOnWriteArrayList<E2eeStateListener>> participantListeners =
      new ConcurrentHashMap<>();

  private final Object control = new Object();
  private final CopyOnWriteArrayList<ManagedFrameCryptor> cryptors = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<ParticipantId, Boolean> participantSwitches = new ConcurrentHashMap<>();
  private volatile boolean enabled;
  private volatile boolean closed;

  private E2eeManager(Builder b, KeyProvider keyProvider, boolean ownsKeyProvider, EncryptionTypeCatalog types,
      Map<String, FrameCryptorFactory> factories, FrameCryptorFactory factory,
      Map<String, DataPacketCryptorFactory> dataFactories, DataPacketCryptorFactory dataFactory) {
    this.keyProvider = keyProvider;
    this.ownsKeyProvider = ownsKeyProvider;
    this.encryptionTypes = types;
    this.options = b.options;
    this.frameEncryptionType = types.get(options.frameEncryptionType());
    this.dataEncryptionType = types.get(options.dataEncryptionType());
    this.frameCryptorFactories = factories;
    this.frameCryptorFactory = factory;
    this.dataPacketCryptorFactories = dataFactories;
    this.dataPacketCryptorFactory = dataFactory;
    this.enabled = options.enabled();
    this.nanoClock = b.nanoClock;
    this.logLimiter = new StateLogRateLimiter(b.nanoClock);
  }

  /** A builder; see {@link Builder} for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The frame-cryptor factories {@link java.util.ServiceLoader} finds on the module path and class
   * path of this module's loader, in discovery order.
   *
   * @throws java.util.ServiceConfigurationError naming a provider that failed to load
   */
  public static List<FrameCryptorFactory> installedFrameCryptorFactories() {
    return ServiceDiscovery.providers(FrameCryptorFactory.class, null, E2eeManager.class.getClassLoader());
  }

  /**
   * The data-packet cryptor factories {@link java.util.ServiceLoader} finds on the module path and
   * class path of this module's loader, in discovery order.
   *
   * @throws java.util.ServiceConfigurationError naming a provider that failed to load
   */
  public static List<DataPacketCryptorFactory> installedDataPacketCryptorFactories() {
    return ServiceDiscovery.providers(DataPacketCryptorFactory.class, null, E2eeManager.class.getClassLoader());
  }

  /** The frame-cryptor factories provided by modules of {@code layer} and its parents. */
  public static List<FrameCryptorFactory> frameCryptorFactories(ModuleLayer layer) {
    return ServiceDiscovery.providers(FrameCryptorFactory.class, Objects.requireNonNull(layer, "layer is null"), null);
  }

  // ---- what the manager is made of ----

  /** The key provider: set, ratchet and export keys through it. */
  public KeyProvider keyProvider() {
    return keyProvider;
  }

  /** The encryption types this manager can use, by id. */
  public EncryptionTypeCatalog encryptionTypes() {
    return encryptionTypes;
  }

  /** The encryption type media frames use. */
  public EncryptionType frameEncryptionType() {
    return frameEncryptionType;
  }

  /** The id of the encryption type media frames use, such as {@code "gcm"}. */
  public String frameEncryptionTypeId() {
    return frameEncryptionType.id();
  }

  /** The encryption type data-channel packets use (for a data-packet cryptor). */
  public EncryptionType dataEncryptionType() {
    return dataEncryptionType;
  }

  /** The id of the encryption type data-channel packets use, such as {@code "gcm"}. */
  public String dataEncryptionTypeId() {
    return dataEncryptionType.id();
  }

  /** The id of the frame format the cryptors are made in (such as {@code "livekit"}), if a factory is installed. */
  public Optional<String> frameFormatId() {
    return Optional.ofNullable(frameCryptorFactory).map(FrameCryptorFactory::id);
  }

  /** The ids of every frame-cryptor factory this manager was given. */
  public List<String> frameFormatIds() {
    return List.copyOf(frameCryptorFactories.keySet());
  }

  /** The id of the data-packet format (such as {@code "livekit"}), if a data-packet cryptor factory is installed. */
  public Optional<String> dataFormatId() {
    return Optional.ofNullable(dataPacketCryptorFactory).map(DataPacketCryptorFactory::id);
  }

  /** The ids of every data-packet cryptor factory this manager was given. */
  public List<String> dataFormatIds() {
    return List.copyOf(dataPacketCryptorFactories.keySet());
  }

  /** The options this manager was built with. */
  public E2eeManagerOptions options() {
    return options;
  }

  /** Whether closing this manager closes its key provider. */
  public boolean ownsKeyProvider() {
    return ownsKeyProvider;
  }

  // ---- cryptors ----

  /**
   * A cryptor that encrypts the local participant's track {@code trackId}.
   *
   * @param codecMimeType the track's codec, such as {@code "video/VP8"}, used for frames that carry
   *     none; null if unknown
   * @throws IllegalStateException if the manager is closed, no frame-cryptor factory is installed,
   *     or a cryptor for this participant, track and direction is open already
   */
  public ManagedFrameCryptor createLocalCryptor(ParticipantId local, String trackId, String codecMimeType) {
    return createCryptor(local, trackId, Direction.ENCRYPT, codecMimeType);
  }

  /**
   * A cryptor that decrypts remote participant {@code remote}'s track {@code trackId}.
   *
   * @param codecMimeType the codec the room signals for the track, or null
   * @throws IllegalStateException as {@link #createLocalCryptor}
   */
  public ManagedFrameCryptor createRemoteCryptor(ParticipantId remote, String trackId, String codecMimeType) {
    return createCryptor(remote, trackId, Direction.DECRYPT, codecMimeType);
  }

  /**
   * A cryptor for {@code participant}'s track in {@code direction}, made by the frame-cryptor
   * factory with the participant's key handler, the frame encryption type, the key provider's
   * options, this manager's receive policy and switches, and the manager's state routing.
   *
   * @throws IllegalStateException as {@link #createLocalCryptor}
   * @throws IllegalArgumentException if the factory refuses the configuration
   */
  public ManagedFrameCryptor createCryptor(ParticipantId participant, String trackId, Direction direction,
      String codecMimeType) {
    Objects.requireNonNull(participant, "participant is null");
    Objects.requireNonNull(trackId, "trackId is null");
    Objects.requireNonNull(direction, "direction is null");
    if (frameCryptorFactory == null) {
      throw new IllegalStateException("no frame cryptor factory is installed: put a frame format module such as"
          + " e2ee4j-transport-webrtc on the module path or class path");
    }
    synchronized (control) {
      requireOpen();
      for (ManagedFrameCryptor c : cryptors) {
        if (c.participant().equals(participant) && c.trackId().equals(trackId) && c.direction() == direction) {
          throw new IllegalStateException("a " + direction + " cryptor for " + participant + "'s track " + trackId
              + " is open already; close it first");
        }
      }
      StateCoalescer states = new StateCoalescer(router, nanoClock);
      FrameCryptorConfig config = FrameCryptorConfig
          .builder(participant, trackId, direction, keyProvider.keyHandler(participant), frameEncryptionType)
          .options(keyProvider.options())
          .stateListener(states)
          .unencryptedFramePolicy(options.unencryptedFramePolicy())
          .codecMimeType(codecMimeType)
          .enabled(effectiveSwitch(participant))
          .build();
      ManagedFrameCryptor managed = new ManagedFrameCryptor(frameCryptorFactory.create(config), this, states);
      cryptors.add(managed);
      LOG.log(Level.DEBUG, "created {0} cryptor for {1}, track {2} ({3}, {4})", direction, participant, trackId,
          frameCryptorFactory.id(), frameEncryptionType.id());
      return managed;
    }
  }

  /**
   * A data-packet cryptor for the data channel: it seals with {@code local}'s current key and the
   * data encryption type, and opens with each sender's key, from this manager's key provider. It
   * holds no resources of its own; the manager does not list it.
   *
   * @throws IllegalStateException if the manager is closed or no data-packet cryptor factory is
   *     installed
   */
  public DataPacketCryptor createDataPacketCryptor(ParticipantId local) {
    Objects.requireNonNull(local, "local is null");
    requireOpen();
    if (dataPacketCryptorFactory == null) {
      throw new IllegalStateException("no data packet cryptor factory is installed: put a data format module such as"
          + " e2ee4j-transport-datachannel on the module path or class path");
    }
    return dataPacketCryptorFactory.create(keyProvider, dataEncryptionType, local, options.unencryptedFramePolicy());
  }

  /**
   * Forgets {@code participant}, who left the room: closes its cryptors (both directions), forgets
   * its switch and its listeners, and removes its keys from the key provider ({@link
   * KeyProvider#removeParticipant}; wiped once no reader holds them). Call it on LiveKit's {@code
   * ParticipantDisconnected}; without it, a room where people come and go keeps every leaver's
   * keys. No effect for an unknown participant.
   *
   * @throws IllegalStateException if the manager is closed
   */
  public void removeParticipant(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    List<ManagedFrameCryptor> toClose = new ArrayList<>();
    synchronized (control) {
      requireOpen();
      for (ManagedFrameCryptor c : cryptors) {
        if (c.participant().equals(participant)) {
          toClose.add(c);
        }
      }
      participantSwitches.remove(participant);
    }
    toClose.forEach(ManagedFrameCryptor::close);
    participantListeners.remove(participant);
    keyProvider.removeParticipant(participant);
    LOG.log(Level.DEBUG, "participant {0} removed", participant);
  }

  /** The open cryptors, in creation order (a snapshot). */
  public List<ManagedFrameCryptor> cryptors() {
    return List.copyOf(cryptors);
  }

  /**
   * The current state of every open cryptor, one event per participant, track and direction (a
   * snapshot, in creation order): what a UI shows next to each participant's tracks. Cryptors that
   * have not processed a frame yet are {@link E2eeState#NEW}.
   */
  public List<E2eeStateEvent> states() {
    List<E2eeStateEvent> result = new ArrayList<>();
    for (ManagedFrameCryptor c : cryptors) {
      result.add(new E2eeStateEvent(c.participant(), c.trackId(), c.direction(), c.state(), c.stateReason()));
    }
    return List.copyOf(result);
  }

  /** The open cryptors of {@code participant}'s tracks, both directions (a snapshot). */
  public List<ManagedFrameCryptor> cryptors(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    List<ManagedFrameCryptor> result = new ArrayList<>();
    for (ManagedFrameCryptor c : cryptors) {
      if (c.participant().equals(participant)) {
        result.add(c);
      }
    }
    return List.copyOf(result);
  }

  /** The open cryptor for {@code participant}'s track in {@code direction}, if any. */
  public Optional<ManagedFrameCryptor> findCryptor(ParticipantId participant, String trackId, Direction direction) {
    for (ManagedFrameCryptor c : cryptors) {
      if (c.participant().equals(participant) && c.trackId().equals(trackId) && c.direction() == direction) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  // ---- switches ----

  /**
   * Switches encryption on or off for every cryptor, now and for cryptors made later (the
   * per-participant switches still apply: a participant switched off stays off).
   */
  public void setEnabled(boolean on) {
    synchronized (control) {
      requireOpen();
      if (enabled != on) {
        LOG.log(Level.INFO, "end-to-end encryption switched {0}", on ? "on" : "off");
      }
      enabled = on;
      for (ManagedFrameCryptor c : cryptors) {
        c.setEnabled(effectiveSwitch(c.participant()));
      }
    }
  }

  /** The manager's own switch. */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches encryption on or off for {@code participant}'s cryptors (both directions), now and
   * for cryptors made later. For a remote participant, switch it off when the room says its tracks
   * are not encrypted; the receive policy then decides what happens to its frames.
   */
  public void setEnabled(ParticipantId participant, boolean on) {
    Objects.requireNonNull(participant, "participant is null");
    synchronized (control) {
      requireOpen();
      Boolean before = participantSwitches.put(participant, on);
      if (before == null ? !on : before != on) {
        LOG.log(Level.INFO, "end-to-end encryption switched {0} for {1}", on ? "on" : "off", participant);
      }
      for (ManagedFrameCryptor c : cryptors) {
        if (c.participant().equals(participant)) {
          c.setEnabled(effectiveSwitch(participant));
        }
      }
    }
  }

  /** Whether {@code participant}'s cryptors are enabled: the manager's switch and the participant's. */
  public boolean isEnabled(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    return effectiveSwitch(participant);
  }

  private boolean effectiveSwitch(ParticipantId participant) {
    return enabled && participantSwitches.getOrDefault(participant, Boolean.TRUE);
  }

  // ---- state listeners ----

  /** Adds a listener for every participant's state changes. */
  public void addStateListener(E2eeStateListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  /** Removes a listener added with {@link #addStateListener(E2eeStateListener)}; no effect if absent. */
  public void removeStateListener(E2eeStateListener listener) {
    listeners.remove(listener);
  }

  /** Adds a listener for the state changes of {@code participant}'s tracks only. */
  public void addStateListener(ParticipantId participant, E2eeStateListener listener) {
    Objects.requireNonNull(participant, "participant is null");
    Objects.requireNonNull(listener, "listener is null");
    participantListeners.computeIfAbsent(participant, p -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /** Removes a listener added for {@code participant}; no effect if absent. */
  public void removeStateListener(ParticipantId participant, E2eeStateListener listener) {
    CopyOnWriteArrayList<E2eeStateListener> list = participantListeners.get(participant);
    if (list != null) {
      list.remove(listener);
    }
  }

  private void route(E2eeStateEvent event) {
    logChange(event);
    for (E2eeStateListener l : listeners) {
      deliver(l, event);
    }
    CopyOnWriteArrayList<E2eeStateListener> forParticipant = participantListeners.get(event.participant());
    if (forParticipant != null) {
      for (E2eeStateListener l : forParticipant) {
        deliver(l, event);
      }
    }
  }

  private void deliver(E2eeStateListener listener, E2eeStateEvent event) {
    try {
      listener.onStateChanged(event);
    } catch (RuntimeException e) {
      if (logLimiter.tryAcquire("listener|" + listener.getClass().getName()) >= 0) {
        LOG.log(Level.WARNING, "state listener " + listener.getClass().getName() + " threw; ignored", e);
      }
    }
  }

  private void logChange(E2eeStateEvent event) {
    E2eeState state = event.state();
    Level level = switch (state) {
      case NEW, OK -> Level.DEBUG;
      case KEY_RATCHETED -> Level.INFO;
      default -> Level.WARNING;
    };
    if (!LOG.isLoggable(level)) {
      return;
    }
    long suppressed = logLimiter.tryAcquire(event.participant().value() + '|' + event.direction() + '|' + state);
    if (suppressed < 0) {
      return;
    }
    LOG.log(level, "{0} {1}''s track {2}: {3}{4}{5}",
        event.direction() == Direction.ENCRYPT ? "sending" : "receiving", event.participant(), event.trackId(), state,
        event.reason().isEmpty() ? "" : " (" + event.reason() + ")",
        suppressed > 0 ? " [" + suppressed + " similar changes not logged]" : "");
  }

  // ---- closing ----

  /**
   * Closes every cryptor this manager made, forgets listeners and switches, and closes the key
   * provider if this manager owns it. Idempotent; afterwards creating cryptors and switching throw
   * {@link IllegalStateException}.
   */
  @Override
  public void close() {
    List<ManagedFrameCryptor> toClose;
    synchronized (control) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(cryptors);
    }
    for (ManagedFrameCryptor c : toClose) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing the cryptor of " + c.participant() + "'s track " + c.trackId() + " failed", e);
      }
    }
    cryptors.clear();
    listeners.clear();
    participantListeners.clear();
    participantSwitches.clear();
    if (ownsKeyProvider && keyProvider instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing the key provider failed", e);
      }
    }
    LOG.log(Level.DEBUG, "E2EE manager closed");
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  void forget(ManagedFrameCryptor cryptor) {
    cryptors.remove(cryptor);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("E2EE manager is closed");
    }
  }

  /** Ids and counts; never keys. */
  @Override
  public String toString() {
    return "E2eeManager[frames=" + frameEncryptionType.id() + ", data=" + dataEncryptionType.id()
        + ", frameFormat=" + frameFormatId().orElse("none") + ", dataFormat=" + dataFormatId().orElse("none")
        + ", enabled=" + enabled
        + ", policy=" + options.unencryptedFramePolicy() + ", cryptors=" + cryptors.size()
        + (closed ? ", closed" : "") + "]";
  }

  /**
   * Builds an {@link E2eeManager}. Defaults: a {@link DefaultKeyProvider} with {@link
   * KeyProviderOptions#defaults()} that the manager owns; the encryption types and frame-cryptor
   * factories {@link java.util.ServiceLoader} finds; {@link E2eeManagerOptions#defaults()}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private KeyProvider keyProvider;
    private boolean ownsKeyProvider;
    private KeyProviderOptions keyProviderOptions;
    private EncryptionTypeCatalog encryptionTypes;
    private final List<EncryptionType> addedTypes = new ArrayList<>();
    private List<FrameCryptorFactory> factories;
    private List<DataPacketCryptorFactory> dataFactories;
    private E2eeManagerOptions options = E2eeManagerOptions.defaults();
    private LongSupplier nanoClock = System::nanoTime;

    private Builder() {}

    /** Use {@code provider}; the manager does not close it. */
    public Builder keyProvider(KeyProvider provider) {
      return keyProvider(provider, false);
    }

    /**
     * Use {@code provider}; with {@code closeWithManager} the manager closes it (if it is {@link
     * AutoCloseable}) when it is closed itself.
     */
    public Builder keyProvider(KeyProvider provider, boolean closeWithManager) {
      this.keyProvider = Objects.requireNonNull(provider, "provider is null");
      this.ownsKeyProvider = closeWithManager;
      return this;
    }

    /**
     * The options of the {@link DefaultKeyProvider} the manager creates (and owns) when no key
     * provider is given.
     */
    public Builder keyProviderOptions(KeyProviderOptions keyProviderOptions) {
      this.keyProviderOptions = Objects.requireNonNull(keyProviderOptions, "keyProviderOptions is null");
      return this;
    }

    /** Use exactly these encryption types instead of the installed ones. */
    public Builder encryptionTypes(EncryptionTypeCatalog catalog) {
      this.encryptionTypes = Objects.requireNonNull(catalog, "catalog is null");
      return this;
    }

    /**
     * Use exactly these encryption types, by id (the form a Guice {@code MapBinder} gives).
     *
     * @throws IllegalArgumentException if a key differs from its type's {@link EncryptionType#id()}
     */
    public Builder encryptionTypes(Map<String, ? extends EncryptionType> types) {
      Objects.requireNonNull(types, "types is null");
      List<EncryptionType> list = new ArrayList<>();
      for (Map.Entry<String, ? extends EncryptionType> e : types.entrySet()) {
        EncryptionType type = Objects.requireNonNull(e.getValue(), "type is null");
        if (!e.getKey().equals(type.id())) {
          throw new IllegalArgumentException("encryption type bound as '" + e.getKey() + "' has id '" + type.id()
              + "' (" + type.getClass().getName() + ")");
        }
        list.add(type);
      }
      this.encryptionTypes = EncryptionTypeCatalog.of(list);
      return this;
    }

    /** Adds {@code type}, or replaces the type with its id, on top of the installed (or given) ones. */
    public Builder addEncryptionType(EncryptionType type) {
      addedTypes.add(Objects.requireNonNull(type, "type is null"));
      return this;
    }

    /** Use exactly these frame-cryptor factories instead of the installed ones. */
    public Builder frameCryptorFactories(Collection<? extends FrameCryptorFactory> factories) {
      this.factories = List.copyOf(Objects.requireNonNull(factories, "factories is null"));
      return this;
    }

    /** Use exactly these data-packet cryptor factories instead of the installed ones. */
    public Builder dataPacketCryptorFactories(Collection<? extends DataPacketCryptorFactory> factories) {
      this.dataFactories = List.copyOf(Objects.requireNonNull(factories, "factories is null"));
      return this;
    }

    /** The manager's options. */
    public Builder options(E2eeManagerOptions options) {
      this.options = Objects.requireNonNull(options, "options is null");
      return this;
    }

    /** The clock of the log rate limiter (for tests). */
    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = Objects.requireNonNull(clock, "clock is null");
      return this;
    }

    /**
     * The manager.
     *
     * @throws IllegalArgumentException if the frame or data encryption type or the chosen frame or
     *     data format is not installed (the message lists what is), if the frame encryption type does
     *     not take the key provider's key size, or if two factories share an id
     * @throws IllegalStateException if both a key provider and key-provider options were given, or
     *     several frame (or data) formats are installed, none is {@code "livekit"} and none was chosen
     */
    public E2eeManager build() {
      if (keyProvider != null && keyProviderOptions != null) {
        throw new IllegalStateException("give either a key provider or key-provider options, not both");
      }
      EncryptionTypeCatalog types = encryptionTypes != null ? encryptionTypes : EncryptionTypeCatalog.loadInstalled();
      for (EncryptionType t : addedTypes) {
        types = types.with(t);
      }
      Map<String, FrameCryptorFactory> byId =
          byId(factories != null ? factories : installedFrameCryptorFactories(), FrameCryptorFactory::id, "frame cryptor");
      FrameCryptorFactory factory = choose(byId, options.frameFormat(), "frame format", "frameFormat");
      Map<String, DataPacketCryptorFactory> dataById = byId(
          dataFactories != null ? dataFactories : installedDataPacketCryptorFactories(), DataPacketCryptorFactory::id,
          "data packet cryptor");
      DataPacketCryptorFactory dataFactory = choose(dataById, options.dataFormat(), "data format", "dataFormat");
      EncryptionType frameType = types.get(options.frameEncryptionType());
      types.get(options.dataEncryptionType());

      boolean owns = ownsKeyProvider;
      KeyProvider provider = keyProvider;
      if (provider == null) {
        provider = new DefaultKeyProvider(keyProviderOptions != null ? keyProviderOptions : KeyProviderOptions.defaults());
        owns = true;
      }
      int keyBytes = provider.options().keySizeBytes();
      if (!frameType.supportsKeyLength(keyBytes)) {
        throw new IllegalArgumentException("encryption type '" + frameType.id() + "' does not take "
            + keyBytes + "-byte keys (keySizeBits " + provider.options().keySizeBits() + ")");
      }
      return new E2eeManager(this, provider, owns, types, byId, factory, dataById, dataFactory);
    }

    private static <T> Map<String, T> byId(List<T> found, Function<T, String> id, String what) {
      Map<String, T> byId = new LinkedHashMap<>();
      for (T f : found) {
        T previous = byId.putIfAbsent(id.apply(f), f);
        if (previous != null) {
          throw new IllegalArgumentException("two " + what + " factories have the id '" + id.apply(f) + "': "
              + previous.getClass().getName() + " and " + f.getClass().getName());
        }
      }
      return Collections.unmodifiableMap(byId);
    }

    private static <T> T choose(Map<String, T> byId, Optional<String> chosen, String what, String option) {
      if (chosen.isPresent()) {
        T f = byId.get(chosen.get());
        if (f == null) {
          throw new IllegalArgumentException("no " + what + " '" + chosen.get() + "' is installed; installed: "
              + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet())));
        }
        return f;
      }
      if (byId.size() <= 1) {
        return byId.values().stream().findFirst().orElse(null);
      }
      T preferred = byId.get(E2eeManagerOptions.PREFERRED_FORMAT);
      if (preferred == null) {
        throw new IllegalStateException("several " + what + "s are installed (" + String.join(", ", byId.keySet())
            + "); choose one with E2eeManagerOptions." + option);
      }
      return preferred;
    }
  }
}
