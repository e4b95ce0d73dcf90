package io.e2ee4j.core;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyIndex;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.KeyProviderListener;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.core.internal.KeyRingContext;
import io.e2ee4j.core.internal.ParticipantKeyRing;
import io.e2ee4j.core.internal.SharedRingView;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The in-memory {@link KeyProvider}: LiveKit's key management in Java (spec sections 3 and 4).
 *
 * <ul>
 *   <li><b>Shared-key mode</b> ({@link KeyProviderOptions#sharedKey()}): one shared ring, cloned
 *       per participant on first use as LiveKit native does. {@link #setSharedKey} and {@link
 *       #ratchetSharedKey} write into the shared ring and every clone; a receiver's auto-ratchet
 *       and failure counts touch only the clone of the participant whose frames caused them.
 *   <li><b>Per-participant mode</b>: one ring per identity, created empty on first use.
 *   <li>A key set at index {@code i} lands in slot {@code i mod keyRingSize}, which becomes
 *       current. Material derives to an AES key with PBKDF2 (100,000 iterations) or HKDF (info =
 *       128 zero bytes), salt = ratchet salt; a ratchet is {@code KDF(material, salt, 32)}.
 *   <li>Auto-ratchet for receivers (LiveKit native's algorithm, not JS's one-step retry): up to
 *       {@code ratchetWindowSize} successive steps are tried; derived steps are remembered per slot.
 *       No frame thread ever waits for a key derivation: setting or ratcheting a key derives the
 *       first step ahead (on the caller's thread, so a sender's single ratchet costs receivers
 *       nothing), and further steps are derived on this provider's derivation thread while the
 *       frames that need them are dropped ({@code RATCHET_PENDING}). Budgets per participant:
 *       {@code ratchetWindowSize + 1} derivations and {@value #TRIAL_DECRYPTIONS_PER_SECOND} trial
 *       decryptions per second ({@link #autoRatchetDerivations()}, {@link #trialDecryptions()}).
 *   <li>Failure tolerance as LiveKit JS (spec section 4.4), and beyond it: a key marked invalid is
 *       retried with one frame a second, so the participant's real frames make it valid again.
 *   <li>State per participant is created only for participants the application names ({@link
 *       #keyHandler}, {@link #setKey}); receive paths whose identity a peer chose look keys up with
 *       {@link #findKeyHandlerOrNull}, which creates nothing. {@link #removeParticipant} forgets one.
 * </ul>
 *
 * <p>Listeners hear {@link KeyEvent.Type#SET}, {@link KeyEvent.Type#RATCHETED} (in both modes,
 * unlike LiveKit JS, which is silent for shared ratchets) and {@link
 * KeyEvent.Type#AUTO_RATCHETED}.
 *
 * <p>Secrets: material and keys are copied in, and wiped (keys destroyed) when replaced, ratcheted
 * away, removed or on {@link #close()}, but only once no reader holds them: readers of material
 * (export, ratchet, auto-ratchet derivation, cloning) hold a reference while they read, so none
 * ever sees a wiped array; a frame thread that still holds a destroyed key gets no cipher from it
 * and uses the key that replaced it instead (the frame cryptors retry). Best effort: ciphers keep their own copy of the key. Nothing secret is
 * logged; logger name {@code io.e2ee4j.core.DefaultKeyProvider}.
 *
 * <p>Thread safety: safe for concurrent use. Readers never lock; writers lock the ring they
 * change (shared-key writes also take this provider's shared lock).
 */
public final class DefaultKeyProvider implements KeyProvider, AutoCloseable {

  private static final Logger LOG = System.getLogger(DefaultKeyProvider.class.getName());

  private final KeyProviderOptions options;
  private final KeyRingContext context;
  private final ExecutorService ownDeriver;
  private final ParticipantKeyRing shared;
  private final Object sharedLock = new Object();
  private final ConcurrentHashMap<ParticipantId, ParticipantKeyRing> rings = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<KeyProviderListener> listeners = new CopyOnWriteArrayList<>();

  /** A provider with {@code options}; auto-ratchet steps are derived on a daemon thread of its own. */
  public DefaultKeyProvider(KeyProviderOptions options) {
    this(options, System::nanoTime);
  }

  /** A provider whose budgets run on {@code nanoClock} (for tests). */
  public DefaultKeyProvider(KeyProviderOptions options, LongSupplier nanoClock) {
    this(options, nanoClock, null);
  }

  /**
   * A provider whose budgets run on {@code nanoClock} and whose auto-ratchet steps are derived by
   * {@code deriver} (for tests: {@code Runnable::run} derives on the frame thread, deterministically).
   * With a null {@code deriver} the provider starts a daemon thread of its own, stopped by {@link
   * #close()}.
   */
  public DefaultKeyProvider(KeyProviderOptions options, LongSupplier nanoClock, Executor deriver) {
    this.options = Objects.requireNonNull(options, "options is null");
    Objects.requireNonNull(nanoClock, "nanoClock is null");
    this.ownDeriver = deriver == null ? newDeriver() : null;
    this.context = new KeyRingContext(options, nanoClock, deriver == null ? ownDeriver : deriver, this::fireRatcheted);
    this.shared = options.sharedKey() ? new ParticipantKeyRing(null, context) : null;
  }

  private static ExecutorService newDeriver() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "e2ee4j-key-derivation");
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  @Override
  public KeyProviderOptions options() {
    return options;
  }

  // ---- shared-key mode ----

  @Override
  public void setSharedKey(int keyIndex, KeyMaterial material) {
    requireShared("setSharedKey");
    Objects.requireNonNull(material, "material is null");
    int slot = shared.slotOf(keyIndex);
    KeyDerivation kdf = material.derivationUnder(options);
    byte[] bytes = material.copyBytes();
    synchronized (sharedLock) {
      shared.install(slot, bytes, kdf);
      for (ParticipantKeyRing clone : rings.values()) {
        clone.installCopyOf(shared, slot);
      }
    }
    LOG.log(Level.DEBUG, "shared key set at index {0} (slot {1}, {2})", keyIndex, slot, kdf);
    fire(KeyEvent.Type.SET, null, slot);
  }

  @Override
  public byte[] ratchetSharedKey(int keyIndex) {
    requireShared("ratchetSharedKey");
    int slot = shared.slotOf(keyIndex);
    byte[] result;
    synchronized (sharedLock) {
      result = shared.ratchetOrNull(slot);
      if (result == null) {
        throw new IllegalStateException("no shared key at index " + keyIndex + " to ratchet");
      }
      for (ParticipantKeyRing clone : rings.values()) {
        clone.installCopyOf(shared, slot);
        clone.resetAllFailures();
      }
    }
    LOG.log(Level.DEBUG, "shared key ratcheted at index {0}", slot);
    fire(KeyEvent.Type.RATCHETED, null, slot);
    return result;
  }

  @Override
  public byte[] exportSharedKey(int keyIndex) {
    requireShared("exportSharedKey");
    int slot = shared.slotOf(keyIndex);
    byte[] material = shared.materialCopyOrNull(slot);
    if (material == null) {
      throw new IllegalStateException("no shared key at index " + keyIndex);
    }
    return material;
  }

  // ---- per-participant mode ----

  @Override
  public void setKey(ParticipantId participant, int keyIndex, KeyMaterial material) {
    requirePerParticipant("setKey");
    Objects.requireNonNull(participant, "participant is null");
    Objects.requireNonNull(material, "material is null");
    ParticipantKeyRing ring = ring(participant);
    int slot = ring.slotOf(keyIndex);
    KeyDerivation kdf = material.derivationUnder(options);
    ring.install(slot, material.copyBytes(), kdf);
    LOG.log(Level.DEBUG, "key set for {0} at index {1} (slot {2}, {3})", participant, keyIndex, slot, kdf);
    fire(KeyEvent.Type.SET, participant, slot);
  }

  @Override
  public byte[] ratchetKey(ParticipantId participant, int keyIndex) {
    requirePerParticipant("ratchetKey");
    Objects.requireNonNull(participant, "participant is null");
    KeyIndex.check(keyIndex);
    ParticipantKeyRing ring = rings.get(participant);
    int slot = ring == null ? -1 : ring.slotOf(keyIndex);
    byte[] result = ring == null ? null : ring.ratchetOrNull(slot);
    if (result == null) {
      throw new IllegalStateException("no key for " + participant + " at index " + keyIndex + " to ratchet");
    }
    LOG.log(Level.DEBUG, "key ratcheted for {0} at index {1}", participant, slot);
    fire(KeyEvent.Type.RATCHETED, participant, slot);
    return result;
  }

  @Override
  public byte[] exportKey(ParticipantId participant, int keyIndex) {
    requirePerParticipant("exportKey");
    Objects.requireNonNull(participant, "participant is null");
    KeyIndex.check(keyIndex);
    ParticipantKeyRing ring = rings.get(participant);
    byte[] material = ring == null ? null : ring.materialCopyOrNull(ring.slotOf(keyIndex));
    if (material == null) {
      throw new IllegalStateException("no key for " + participant + " at index " + keyIndex);
    }
    return material;
  }

  // ---- both modes ----

  @Override
  public int currentKeyIndex(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    ParticipantKeyRing ring = rings.get(participant);
    if (ring != null) {
      return ring.currentKeyIndex();
    }
    return shared != null ? shared.currentKeyIndex() : 0;
  }

  @Override
  public void setCurrentKeyIndex(ParticipantId participant, int keyIndex) {
    Objects.requireNonNull(participant, "participant is null");
    if (shared != null) {
      int slot = shared.slotOf(keyIndex);
      synchronized (sharedLock) {
        shared.setCurrent(slot);
        for (ParticipantKeyRing clone : rings.values()) {
          clone.setCurrent(slot);
        }
      }
    } else {
      ParticipantKeyRing ring = ring(participant);
      ring.setCurrent(ring.slotOf(keyIndex));
    }
  }

  @Override
  public KeyHandler keyHandler(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    return ring(participant);
  }

  @Override
  public KeyHandler findKeyHandlerOrNull(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    ParticipantKeyRing ring = rings.get(participant);
    if (ring != null) {
      return ring;
    }
    return shared == null ? null : new SharedRingView(participant, shared);
  }

  @Override
  public void removeParticipant(ParticipantId participant) {
    Objects.requireNonNull(participant, "participant is null");
    ParticipantKeyRing ring;
    synchronized (sharedLock) { // so a shared-key write does not install into a ring being dropped
      ring = rings.remove(participant);
    }
    if (ring != null) {
      ring.destroy();
      LOG.log(Level.DEBUG, "keys of {0} removed", participant);
    }
  }

  /** How many participants have a key ring (or shared-key clone) here now. */
  public int participantCount() {
    return rings.size();
  }

  /**
   * Key derivations run so far for receivers' auto-ratchets (not counting those of setting and
   * ratcheting keys). Each participant's are capped at {@code ratchetWindowSize + 1} a second.
   */
  public long autoRatchetDerivations() {
    return context.derivations();
  }

  /**
   * Ratchet candidates handed out so far for trial decryptions. Each participant's are capped at
   * {@value #TRIAL_DECRYPTIONS_PER_SECOND} a second.
   */
  public long trialDecryptions() {
    return context.trials();
  }

  /** Ratchet candidates handed out per participant and second for trial decryptions. */
  public static final int TRIAL_DECRYPTIONS_PER_SECOND = ParticipantKeyRing.TRIAL_DECRYPTIONS_PER_SECOND;

  /** The shared ring's current slot (shared-key mode). */
  public int sharedCurrentKeyIndex() {
    requireShared("sharedCurrentKeyIndex");
    return shared.currentKeyIndex();
  }

  @Override
  public void addListener(KeyProviderListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  @Override
  public void removeListener(KeyProviderListener listener) {
    listeners.remove(listener);
  }

  /** Wipes every key this provider holds (best effort). The provider holds no keys afterwards. */
  @Override
  public void close() {
    synchronized (sharedLock) {
      if (shared != null) {
        shared.destroy();
      }
      rings.values().forEach(ParticipantKeyRing::destroy);
      rings.clear();
    }
    if (ownDeriver != null) {
      ownDeriver.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "DefaultKeyProvider[" + (shared != null ? "shared" : "per-participant") + ", participants="
        + rings.size() + "]";
  }

  // ---- internals ----

  private ParticipantKeyRing ring(ParticipantId participant) {
    ParticipantKeyRing ring = rings.get(participant);
    if (ring != null) {
      return ring;
    }
    if (shared == null) {
      return rings.computeIfAbsent(participant, p -> new ParticipantKeyRing(p, context));
    }
    synchronized (sharedLock) {
      return rings.computeIfAbsent(participant, shared::copyFor);
    }
  }

  private void requireShared(String method) {
    if (shared == null) {
      throw new IllegalStateException(method + " needs shared-key mode; this provider has per-participant keys");
    }
  }

  private void requirePerParticipant(String method) {
    if (shared != null) {
      throw new IllegalStateException(method + " needs per-participant mode; this provider has a shared key"
          + " (use the shared-key methods)");
    }
  }

  private void fire(KeyEvent.Type type, ParticipantId participant, int slot) {
    KeyEvent event = new KeyEvent(type, Optional.ofNullable(participant), KeyIndex.of(slot));
    for (KeyProviderListener listener : listeners) {
      try {
        if (type == KeyEvent.Type.SET) {
          listener.onKeySet(event);
        } else {
          listener.onKeyRatcheted(event);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "key listener " + listener.getClass().getName() + " threw; ignored", e);
      }
    }
  }

  private void fireRatcheted(KeyEvent event) {
    LOG.log(Level.DEBUG, "auto-ratchet accepted for {0} at index {1}",
        event.participant().map(ParticipantId::value).orElse("shared"), event.keyIndex());
    for (KeyProviderListener listener : listeners) {
      try {
        listener.onKeyRatcheted(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "key listener " + listener.getClass().getName() + " threw; ignored", e);
      }
    }
  }
}
