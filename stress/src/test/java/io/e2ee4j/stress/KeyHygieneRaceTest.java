package io.e2ee4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.InsecureIvSource;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.KeyDerivations;
import io.e2ee4j.core.ManagedFrameCryptor;
import io.e2ee4j.transport.datachannel.DataPackets;
import io.e2ee4j.transport.webrtc.LiveKitFrameCryptorFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races the key store for {@value #RUN_MILLIS} ms: exporters ({@code exportKey}) and decrypting
 * threads (frames and data packets, with auto-ratchet on: window 8, failure tolerance -1 so frames
 * are always tried) against writers ({@code setKey}), ratchets ({@code ratchetKey} on the sending
 * and on the receiving side, so receivers also auto-ratchet) and {@link E2eeManager#removeParticipant}
 * (a decrypting thread re-subscribes when its cryptor was closed). Four participants, key indexes
 * 0..3, raw material (HKDF), so races are dense.
 *
 * <p>Meanwhile the decrypting threads inject forged frames and data packets sealed under the keys
 * a wiped slot would give: AES key = 16 zero bytes, the key of 32 zero bytes of material and its
 * ratchets ({@code KeyDerivations.ratchet(new byte[32], kdf, salt)} up to 9 steps), at every key
 * index, some with the frame format's insecure fixed-IV hook, others with the data cryptor's
 * {@code insecureEncryptWithFixedIv}.
 *
 * <p><b>Proves:</b> every exported key is one that was set or is a ratchet of one (the set of
 * legitimate materials: every material set and every {@code ratchetKey} result; an export is
 * accepted if it is one of those or up to {@value #MAX_AUTO_STEPS} ratchets past one, the most an
 * auto-ratchet can reach; a material with 8 zero bytes in a row is a failure in any case); every
 * decrypted frame and data packet is exactly one that was really sent; no forged frame or packet is
 * ever accepted.
 *
 * <p><b>Prints</b> ({@code [stress] race ...}): operations of each kind, exports checked, frames and
 * packets decrypted and dropped, forged items tried, and how many exports were found only as
 * auto-ratchet descendants.
 */
class KeyHygieneRaceTest {

  static final long RUN_MILLIS = 4000;
  static final int PARTICIPANTS = 4;
  static final int INDEXES = 4;
  static final int MAX_AUTO_STEPS = 64;
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SALT = KeyProviderOptions.DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);
  private static final byte[] FORGED_MARK = "FORGED-FRAME".getBytes(StandardCharsets.US_ASCII);

  private final Set<String> legitimate = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<byte[]> exported = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final LongAdder sets = new LongAdder();
  private final LongAdder ratchets = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder exports = new LongAdder();
  private final LongAdder framesDecrypted = new LongAdder();
  private final LongAdder framesDropped = new LongAdder();
  private final LongAdder packetsDecrypted = new LongAdder();
  private final LongAdder packetsRefused = new LongAdder();
  private final LongAdder forgedTried = new LongAdder();
  private final LongAdder resubscribed = new LongAdder();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean running = true;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void exportsAreAlwaysRealKeysAndNothingForgedOrWipedEverDecrypts() throws Exception {
    KeyProviderOptions options = KeyProviderOptions.builder().ratchetWindowSize(8).failureTolerance(-1)
        .keyRingSize(16).build();
    java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("io.e2ee4j");
    java.util.logging.Level oldLevel = quiet.getLevel();
    quiet.setLevel(java.util.logging.Level.SEVERE);
    List<Thread> threads = new ArrayList<>();
    try (E2eeManager sender = E2eeManager.builder().keyProviderOptions(options).build();
        E2eeManager receiver = E2eeManager.builder().keyProviderOptions(options).build()) {
      ParticipantId[] ids = new ParticipantId[PARTICIPANTS];
      for (int p = 0; p < PARTICIPANTS; p++) {
        ids[p] = ParticipantId.of("p" + p);
        setBoth(sender, receiver, ids[p], 0, new SplittableRandom(p));
      }
      List<List<FrameCryptor>> forgers = forgers(sender, options);
      DataPacketCryptor[] forgedPacketSealers = forgedPacketSealers(options, ids);

      CountDownLatch go = new CountDownLatch(1);
      threads.add(worker("writer", go, r -> {
        setBoth(sender, receiver, ids[r.nextInt(PARTICIPANTS)], r.nextInt(INDEXES), r);
        sleepMicros(200);
      }));
      threads.add(worker("ratcheter", go, r -> {
        ParticipantId p = ids[r.nextInt(PARTICIPANTS)];
        E2eeManager side = r.nextInt(4) == 0 ? receiver : sender;
        try {
          legitimate.add(HEX.formatHex(side.keyProvider().ratchetKey(p, r.nextInt(INDEXES))));
          ratchets.increment();
        } catch (IllegalStateException noKey) {
          // nothing at that index (yet, or removed)
        }
        sleepMicros(300);
      }));
      threads.add(worker("remover", go, r -> {
        receiver.removeParticipant(ids[r.nextInt(PARTICIPANTS)]);
        removals.increment();
        sleepMicros(5_000);
      }));
      for (int e = 0; e < 2; e++) {
        threads.add(worker("exporter-" + e, go, r -> {
          E2eeManager side = r.nextBoolean() ? receiver : sender;
          try {
            exported.add(side.keyProvider().exportKey(ids[r.nextInt(PARTICIPANTS)], r.nextInt(INDEXES)));
            exports.increment();
          } catch (IllegalStateException noKey) {
            // nothing at that index
          }
        }));
      }
      for (int d = 0; d < 2; d++) {
        int first = d * 2;
        DataPacketCryptor sealer = sender.createDataPacketCryptor(ids[first]);
        DataPacketCryptor opener = receiver.createDataPacketCryptor(ParticipantId.of("receiver"));
        ManagedFrameCryptor[] local = {sender.createLocalCryptor(ids[first], "mic", StressMedia.OPUS),
            sender.createLocalCryptor(ids[first + 1], "mic", StressMedia.OPUS)};
        ManagedFrameCryptor[] remote = {receiver.createRemoteCryptor(ids[first], "mic", StressMedia.OPUS),
            receiver.createRemoteCryptor(ids[first + 1], "mic", StressMedia.OPUS)};
        DataPacketCryptor secondSealer = sender.createDataPacketCryptor(ids[first + 1]);
        threads.add(worker("decrypter-" + d, go, r -> {
          int which = r.nextInt(2);
          int p = first + which;
          if (remote[which].isClosed()) { // removed: the application subscribes again
            try {
              remote[which] = receiver.createRemoteCryptor(ids[p], "mic", StressMedia.OPUS);
              resubscribed.increment();
            } catch (IllegalStateException raced) {
              return;
            }
          }
          decryptFrame(local[which], remote[which], p, ids[p]);
          decryptPacket(which == 0 ? sealer : secondSealer, opener, ids[p]);
          if (r.nextInt(4) == 0) {
            injectForged(forgers, forgedPacketSealers, remote[which], opener, p, ids[p], r);
          }
        }));
      }
      go.countDown();
      Thread.sleep(RUN_MILLIS);
      running = false;
      for (Thread t : threads) {
        t.join(10_000);
        assertTrue(!t.isAlive(), t.getName() + " did not stop");
      }
    } finally {
      running = false;
      quiet.setLevel(oldLevel);
    }

    // Check the exports against what was set or ratcheted, and what an auto-ratchet can derive from it.
    Set<String> closure = ConcurrentHashMap.newKeySet();
    closure.addAll(legitimate);
    long foundDeeper = 0;
    long zeroRuns = 0;
    List<String> bad = new ArrayList<>();
    Set<String> distinct = new java.util.HashSet<>();
    for (byte[] e : exported) {
      distinct.add(HEX.formatHex(e));
      if (hasZeroRun(e, 8)) {
        zeroRuns++;
      }
    }
    for (String e : distinct) {
      if (closure.contains(e)) {
        continue;
      }
      if (descendsFromLegitimate(e)) {
        foundDeeper++;
      } else if (bad.size() < 10) {
        bad.add(e.substring(0, 8) + "...");
      }
    }
    Figures.print("race: %d ms, setKey %d, ratchetKey %d, removeParticipant %d (re-subscribed %d), exportKey %d (%d"
        + " distinct, %d found only as auto-ratchet descendants, %d with 8 zero bytes in a row, %d not legitimate)",
        RUN_MILLIS, sets.sum(), ratchets.sum(), removals.sum(), resubscribed.sum(), exports.sum(), distinct.size(),
        foundDeeper, zeroRuns, bad.size());
    Figures.print("race: frames decrypted %d, dropped %d; data packets decrypted %d, refused %d; forged items tried %d",
        framesDecrypted.sum(), framesDropped.sum(), packetsDecrypted.sum(), packetsRefused.sum(), forgedTried.sum());
    assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(20, problems.size())));
    assertEquals(0, zeroRuns, "an export held 8 zero bytes in a row: a wiped or half-wiped material");
    assertEquals(List.of(), bad, "exports that are neither set, ratcheted nor auto-ratcheted materials");
    assertTrue(exports.sum() > 1000 && framesDecrypted.sum() > 1000 && packetsDecrypted.sum() > 1000
        && forgedTried.sum() > 1000, "the race did too little to mean anything");
  }

  private void setBoth(E2eeManager sender, E2eeManager receiver, ParticipantId p, int index, SplittableRandom r) {
    byte[] material = new byte[32];
    r.nextBytes(material);
    legitimate.add(HEX.formatHex(material));
    sender.keyProvider().setKey(p, index, KeyMaterial.fromBytes(material));
    receiver.keyProvider().setKey(p, index, KeyMaterial.fromBytes(material));
    sets.increment();
  }

  private void decryptFrame(ManagedFrameCryptor local, ManagedFrameCryptor remote, int p, ParticipantId id) {
    long seq = sequence.getAndIncrement();
    byte[] plain = StressMedia.frame(p, 0, seq, false, seq);
    FrameResult sealed = local.process(EncodedFrame.audio(ByteBuffer.wrap(plain), StressMedia.OPUS, p, (int) seq, id));
    if (!sealed.isForwarded()) {
      return; // the sender's own key was being replaced
    }
    FrameResult r = remote.process(EncodedFrame.audio(sealed.output(), StressMedia.OPUS, p, (int) seq, id));
    if (r.status() == FrameResult.Status.DECRYPTED) {
      if (StressMedia.isExactly(r.outputBufferOrNull(), r.offset(), r.length(), p, 0, seq, false, seq)) {
        framesDecrypted.increment();
      } else {
        problems.add("a frame of " + id + " decrypted to other bytes");
      }
    } else if (r.status() == FrameResult.Status.DROPPED) {
      framesDropped.increment();
    } else {
      problems.add("a frame passed through: " + r.describe());
    }
  }

  private void decryptPacket(DataPacketCryptor sealer, DataPacketCryptor opener, ParticipantId id) {
    byte[] payload = ("packet " + sequence.getAndIncrement() + " of " + id.value()).getBytes(StandardCharsets.UTF_8);
    DataPacketResult sealed = sealer.encrypt(DataPackets.userPacket(payload, "race"));
    if (!sealed.isOk()) {
      return;
    }
    byte[] wire = DataPackets.withParticipantIdentity(sealed.packet(), id.value());
    DataPacketResult r = opener.decrypt(ByteBuffer.wrap(wire), null);
    if (r.isOk()) {
      byte[] got = DataPackets.userPayloadOrNull(r.packet());
      if (r.status() == DataPacketResult.Status.DECRYPTED && java.util.Arrays.equals(payload, got)) {
        packetsDecrypted.increment();
      } else {
        problems.add("a data packet of " + id + " opened to other bytes (" + r.describe() + ")");
      }
    } else {
      packetsRefused.increment();
    }
  }

  private void injectForged(List<List<FrameCryptor>> forgers, DataPacketCryptor[] packetSealers,
      ManagedFrameCryptor remote, DataPacketCryptor opener, int p, ParticipantId id, SplittableRandom r) {
    List<FrameCryptor> forIndex = forgers.get(r.nextInt(forgers.size()));
    FrameCryptor forger = forIndex.get(r.nextInt(forIndex.size()));
    byte[] plain = StressMedia.frame(p, 0, sequence.getAndIncrement(), false, 0);
    System.arraycopy(FORGED_MARK, 0, plain, 40, FORGED_MARK.length);
    FrameResult forged = forger.process(EncodedFrame.audio(ByteBuffer.wrap(plain), StressMedia.OPUS, p, 0, id));
    if (forged.isForwarded()) {
      forgedTried.increment();
      FrameResult got = remote.process(EncodedFrame.audio(forged.output(), StressMedia.OPUS, p, 0, id));
      if (got.isForwarded()) {
        problems.add("a forged frame (" + forger.config().trackId() + ") was accepted: " + got.describe());
      }
    }
    DataPacketCryptor sealer = packetSealers[r.nextInt(packetSealers.length)];
    byte[] packet = DataPackets.userPacket(FORGED_MARK, "forged");
    DataPacketResult sealed = r.nextBoolean() ? sealer.encrypt(packet)
        : sealer.insecureEncryptWithFixedIv(ByteBuffer.wrap(packet), new byte[12]);
    if (sealed.isOk()) {
      forgedTried.increment();
      DataPacketResult got = opener.decrypt(ByteBuffer.wrap(DataPackets.withParticipantIdentity(sealed.packet(),
          id.value())), null);
      if (got.isOk()) {
        problems.add("a forged data packet was accepted: " + got.describe());
      }
    }
  }

  /**
   * Frame cryptors sealing under what a wiped slot would hold, for every key index: AES key = 16
   * zero bytes, and the keys of 32 zero bytes of material and of its ratchets. Half use the
   * insecure fixed-IV hook.
   */
  private static List<List<FrameCryptor>> forgers(E2eeManager sender, KeyProviderOptions options) {
    LiveKitFrameCryptorFactory factory = new LiveKitFrameCryptorFactory();
    List<byte[]> keys = new ArrayList<>();
    keys.add(new byte[16]);
    byte[] material = new byte[32];
    for (int step = 0; step <= 9; step++) {
      keys.add(KeyDerivations.deriveKey(material, KeyDerivation.HKDF, SALT, 16));
      keys.add(KeyDerivations.deriveKey(material, KeyDerivation.PBKDF2, SALT, 16));
      material = KeyDerivations.ratchet(material, KeyDerivation.HKDF, SALT);
    }
    keys.add(KeyDerivations.deriveKey(KeyDerivations.ratchet(new byte[32], KeyDerivation.PBKDF2, SALT),
        KeyDerivation.PBKDF2, SALT, 16));
    List<List<FrameCryptor>> byIndex = new ArrayList<>();
    for (int index = 0; index < INDEXES; index++) {
      List<FrameCryptor> list = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        CryptoKey key = CryptoKey.of(index, keys.get(k));
        FrameCryptorConfig.Builder b = FrameCryptorConfig.builder(ParticipantId.of("forger"), "zero-key-" + k,
            Direction.ENCRYPT, new FixedKey(key), sender.frameEncryptionType()).options(options);
        if (k % 2 == 0) {
          b.insecureIvSourceForTesting(InsecureIvSource.insecureFixedIv(new byte[12]));
        }
        list.add(factory.create(b.build()));
      }
      byIndex.add(list);
    }
    return byIndex;
  }

  /** Data-packet sealers holding, for every participant, the key of 32 zero bytes (and its ratchets) at every index. */
  private static DataPacketCryptor[] forgedPacketSealers(KeyProviderOptions options, ParticipantId[] ids) {
    List<DataPacketCryptor> sealers = new ArrayList<>();
    for (int steps = 0; steps <= 3; steps++) {
      E2eeManager forger = E2eeManager.builder().keyProviderOptions(options).build();
      for (ParticipantId id : ids) {
        for (int index = 0; index < INDEXES; index++) {
          forger.keyProvider().setKey(id, index, KeyMaterial.fromBytes(new byte[32]));
          for (int s = 0; s < steps; s++) {
            forger.keyProvider().ratchetKey(id, index);
          }
        }
        sealers.add(forger.createDataPacketCryptor(id));
      }
    }
    return sealers.toArray(new DataPacketCryptor[0]);
  }

  /** Whether {@code hex} is up to {@value #MAX_AUTO_STEPS} ratchets (HKDF) past a legitimate material. */
  private boolean descendsFromLegitimate(String hex) {
    for (String start : legitimate) {
      byte[] m = HEX.parseHex(start);
      for (int step = 1; step <= MAX_AUTO_STEPS; step++) {
        m = KeyDerivations.ratchet(m, KeyDerivation.HKDF, SALT);
        if (HEX.formatHex(m).equals(hex)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasZeroRun(byte[] b, int run) {
    int zeros = 0;
    for (byte x : b) {
      zeros = x == 0 ? zeros + 1 : 0;
      if (zeros >= run) {
        return true;
      }
    }
    return false;
  }

  private Thread worker(String name, CountDownLatch go, java.util.function.Consumer<SplittableRandom> step) {
    Thread t = new Thread(() -> {
      SplittableRandom r = new SplittableRandom(name.hashCode());
      try {
        go.await();
        while (running) {
          step.accept(r);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        problems.add(name + " threw " + e);
      }
    }, "race-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void sleepMicros(long micros) {
    java.util.concurrent.locks.LockSupport.parkNanos(micros * 1000);
  }

  /** A key view that always holds one key, for the forging cryptors. */
  private record FixedKey(CryptoKey key) implements KeyHandler {
    @Override
    public ParticipantId participant() {
      return ParticipantId.of("forger");
    }

    @Override
    public int currentKeyIndex() {
      return key.keyIndex();
    }

    @Override
    public CryptoKey keyOrNull(int keyIndex) {
      return keyIndex == key.keyIndex() ? key : null;
    }

    @Override
    public boolean isKeyValid(int keyIndex) {
      return true;
    }

    @Override
    public boolean allowsAttempt(int keyIndex) {
      return true;
    }

    @Override
    public void recordMissingKey(int keyIndex) {}

    @Override
    public void recordDecryptionFailure(int keyIndex) {}

    @Override
    public void recordDecryptionSuccess(int keyIndex) {}

    @Override
    public CryptoKey ratchetCandidateOrNull(CryptoKey base, int steps) {
      return null;
    }

    @Override
    public boolean acceptRatchetCandidate(CryptoKey base, CryptoKey candidate) {
      return false;
    }
  }
}
