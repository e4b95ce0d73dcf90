package io.e2ee4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.ManagedFrameCryptor;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mallory, a participant the victim knows (the victim holds her real key), floods the victim with
 * forged media frames and data packets from one thread, at up to {@value #FLOOD_PER_SECOND} a
 * second, while alice, bob and carol talk at normal rates (Opus-like audio at 50 frames/s and
 * VP8-like video at 30 frames/s each). Keys are PBKDF2 (100,000 iterations, so each derivation is
 * real work), auto-ratchet window 8, failure tolerance 10.
 *
 * <p>The flood: phase 1 ({@value #PHASE_MILLIS} ms), forged frames under her key index with one
 * real frame in eight (so her key stays valid and every forged frame reaches the auto-ratchet),
 * while she ratchets her own key every 300 ms (so the victim's chain must be derived anew); phase 2
 * ({@value #PHASE_MILLIS} ms), forged frames only (her key gets marked invalid). One in sixteen
 * forged frames names a random key index. Every other item is a data packet: sealed under a wrong
 * key and naming her (a quarter), or naming one of {@value #FORGED_IDENTITIES} distinct forged
 * identities (most), or a clear user packet (one in 64). Then she sends only real frames.
 *
 * <p><b>Proves:</b> the victim's {@link DefaultKeyProvider#autoRatchetDerivations()} and {@link
 * DefaultKeyProvider#trialDecryptions()} grow by at most one participant's budget (window + 1
 * derivations, {@value DefaultKeyProvider#TRIAL_DECRYPTIONS_PER_SECOND} trials a second) times the
 * seconds elapsed plus one bucket's capacity; every frame of alice, bob and carol is delivered,
 * byte for byte; forged identities create no key state ({@link DefaultKeyProvider#participantCount()}
 * unchanged, heap after GC within {@value #HEAP_SLACK_MB} MB); mallory's real frames decrypt again
 * within {@value #RECOVERY_LIMIT_MILLIS} ms after the flood (an invalid key is retried once a
 * second).
 *
 * <p><b>Prints</b> ({@code [stress] flood ...}): items sent per second, outcomes by reason, the
 * budgets and what was used, the others' added delay p50/p99 in a no-flood baseline and under the
 * flood, mallory's recovery time, participant counts and heap.
 */
class FloodTest {

  static final int FLOOD_PER_SECOND = 100_000;
  static final long PHASE_MILLIS = 1500;
  static final long BASELINE_MILLIS = 2000;
  static final int FORGED_IDENTITIES = 100_000;
  static final long HEAP_SLACK_MB = 32;
  static final long RECOVERY_LIMIT_MILLIS = 2500;
  static final int WINDOW = 8;
  private static final FrameDropReason[] REASONS = FrameDropReason.values();

  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final LongAdder normalSent = new LongAdder();
  private final LongAdder normalDelivered = new LongAdder();
  private volatile Figures.Latency currentLatency;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void floodCostsBoundedWorkAndNeitherStallsOthersNorLocksOutTheSender() throws Exception {
    KeyProviderOptions options = KeyProviderOptions.builder().keyDerivation(KeyDerivation.PBKDF2)
        .ratchetWindowSize(WINDOW).failureTolerance(10).build();
    ParticipantId victimId = ParticipantId.of("victim");
    List<String> talkers = List.of("alice", "bob", "carol");
    ParticipantId malloryId = ParticipantId.of("mallory");
    List<E2eeManager> managers = new ArrayList<>();
    java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("io.e2ee4j");
    java.util.logging.Level oldLevel = quiet.getLevel();
    quiet.setLevel(java.util.logging.Level.SEVERE); // a flood of state changes is rate-limited, but still noise here
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("flood-talkers"));
    ExecutorService victimMedia = Executors.newSingleThreadExecutor(daemon("victim-media"));
    try {
      E2eeManager victim = manager(options, managers);
      DefaultKeyProvider victimKeys = (DefaultKeyProvider) victim.keyProvider();
      Map<String, ManagedFrameCryptor[]> senders = new ConcurrentHashMap<>();
      Map<String, ManagedFrameCryptor[]> victimReceivers = new ConcurrentHashMap<>();
      for (String name : talkers) {
        ParticipantId id = ParticipantId.of(name);
        E2eeManager m = manager(options, managers);
        KeyMaterial material = KeyMaterial.fromPassphrase(name + "'s passphrase");
        m.keyProvider().setKey(id, 0, material);
        victimKeys.setKey(id, 0, material);
        senders.put(name, new ManagedFrameCryptor[] {m.createLocalCryptor(id, "mic", StressMedia.OPUS),
            m.createLocalCryptor(id, "cam", StressMedia.VP8)});
        victimReceivers.put(name, new ManagedFrameCryptor[] {victim.createRemoteCryptor(id, "mic", StressMedia.OPUS),
            victim.createRemoteCryptor(id, "cam", StressMedia.VP8)});
      }
      E2eeManager mallory = manager(options, managers);
      KeyMaterial malloryMaterial = KeyMaterial.fromPassphrase("mallory's real passphrase");
      mallory.keyProvider().setKey(malloryId, 0, malloryMaterial);
      victimKeys.setKey(malloryId, 0, malloryMaterial);
      ManagedFrameCryptor malloryMic = mallory.createLocalCryptor(malloryId, "mic", StressMedia.OPUS);
      ManagedFrameCryptor victimOfMallory = victim.createRemoteCryptor(malloryId, "mic", StressMedia.OPUS);
      DataPacketCryptor victimData = victim.createDataPacketCryptor(victimId);
      victimKeys.keyHandler(victimId); // the victim's own ring, as sending would make it
      int participantsBefore = victimKeys.participantCount();

      // The talkers: paced by a scheduler, decrypted on the victim's media thread, checked byte for byte.
      List<ScheduledFuture<?>> talking = new ArrayList<>();
      for (int t = 0; t < talkers.size(); t++) {
        String name = talkers.get(t);
        int index = t;
        for (int track = 0; track < 2; track++) {
          int tr = track;
          AtomicLong seq = new AtomicLong();
          long periodMicros = track == 0 ? 20_000 : 33_333;
          talking.add(scheduler.scheduleAtFixedRate(() -> talk(index, name, tr, seq.getAndIncrement(),
              senders.get(name)[tr], victimReceivers.get(name)[tr], victimMedia), t * 3_000L + track * 1_000L,
              periodMicros, TimeUnit.MICROSECONDS));
        }
      }
      Figures.Latency baseline = new Figures.Latency();
      Figures.Latency flooded = new Figures.Latency();
      Figures.Latency after = new Figures.Latency();
      currentLatency = new Figures.Latency(); // JIT warm-up, not counted
      Thread.sleep(1000);
      currentLatency = baseline;
      Thread.sleep(BASELINE_MILLIS);
      long heapBefore = Figures.heapAfterGc();

      // The flood.
      long derivationsBefore = victimKeys.autoRatchetDerivations();
      long trialsBefore = victimKeys.trialDecryptions();
      long[] frameOutcomes = new long[REASONS.length];
      long[] dataOutcomes = new long[io.e2ee4j.api.data.DataFailureReason.values().length];
      long[] counts = new long[6]; // forged frames, real frames, real decrypted, data packets, data decrypted, distinct forged ids
      byte[][] garbage = garbageFrames(1024);
      byte[][] wrongKeyPackets = wrongKeyPackets(options, malloryId, 256);
      byte[] clearPacket = DataPackets.withParticipantIdentity(
          ByteBuffer.wrap(DataPackets.userPacket("mallory says hi in clear".getBytes(), "chat")), malloryId.value());
      byte[] forgedTemplate = wrongKeyPackets[0];
      currentLatency = flooded;
      long floodStart = System.nanoTime();
      long phase1End = floodStart + TimeUnit.MILLISECONDS.toNanos(PHASE_MILLIS);
      long floodEnd = phase1End + TimeUnit.MILLISECONDS.toNanos(PHASE_MILLIS);
      ScheduledFuture<?> ratcheting = scheduler.scheduleAtFixedRate(() -> {
        if (System.nanoTime() < phase1End) {
          mallory.keyProvider().ratchetKey(malloryId, 0);
        }
      }, 300, 300, TimeUnit.MILLISECONDS);
      SplittableRandom random = new SplittableRandom(7);
      ByteBuffer out = ByteBuffer.allocate(64 << 10);
      long item = 0;
      long malloryFrameSeq = 0;
      int forgedIdentity = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= floodEnd) {
          break;
        }
        if ((item & 1023) == 0) { // pace to FLOOD_PER_SECOND
          long due = floodStart + item * 1_000_000_000L / FLOOD_PER_SECOND;
          if (due > now) {
            Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
          }
        }
        if ((item & 1) == 0) {
          boolean real = now < phase1End && (item & 15) == 0;
          out.clear();
          FrameResult r;
          if (real) {
            long seq = malloryFrameSeq++;
            byte[] plain = StressMedia.frame(99, 0, seq, false, now);
            FrameResult sealed = malloryMic.process(EncodedFrame.audio(ByteBuffer.wrap(plain), StressMedia.OPUS, 99,
                (int) seq * 960, malloryId));
            r = victimOfMallory.process(EncodedFrame.audio(sealed.output(), StressMedia.OPUS, 99, (int) seq * 960,
                malloryId), out);
            counts[1]++;
            if (r.status() == FrameResult.Status.DECRYPTED) {
              counts[2]++;
            }
          } else {
            byte[] g = garbage[(int) (item >>> 1) & 1023];
            if ((item & 31) == 2) {
              g = g.clone();
              g[g.length - 1] = (byte) random.nextInt(256); // a random key index
            }
            r = victimOfMallory.process(EncodedFrame.audio(ByteBuffer.wrap(g), StressMedia.OPUS, 99, (int) item,
                malloryId), out);
            counts[0]++;
            if (r.status() == FrameResult.Status.DECRYPTED) {
              problems.add("a forged frame decrypted");
            }
          }
          if (r.status() == FrameResult.Status.DROPPED) {
            frameOutcomes[r.dropReasonOrNull().ordinal()]++;
          }
        } else {
          byte[] packet;
          long kind = (item >>> 1) % 64;
          if (kind == 0) {
            packet = clearPacket;
          } else if ((kind & 3) == 1) {
            packet = wrongKeyPackets[(int) (item >>> 1) & 255];
          } else {
            packet = DataPackets.withParticipantIdentity(ByteBuffer.wrap(forgedTemplate), "forged-" + forgedIdentity);
            forgedIdentity = (forgedIdentity + 1) % FORGED_IDENTITIES;
            counts[5] = Math.max(counts[5], forgedIdentity == 0 ? FORGED_IDENTITIES : forgedIdentity);
          }
          DataPacketResult d = victimData.decrypt(ByteBuffer.wrap(packet), null);
          counts[3]++;
          if (d.isOk()) {
            counts[4]++;
            problems.add("a forged data packet was accepted: " + d.describe());
          } else {
            dataOutcomes[d.failureOrNull().ordinal()]++;
          }
        }
        item++;
      }
      long floodStopped = System.nanoTime();
      ratcheting.cancel(false);
      double floodSeconds = (floodStopped - floodStart) / 1e9;

      // Mallory only sends real frames now: how soon does the victim decrypt them again?
      currentLatency = after;
      long recoveredAt = -1;
      long recoveryFrames = 0;
      long[] recoveryDrops = new long[REASONS.length];
      long recoveryDeadline = floodStopped + TimeUnit.SECONDS.toNanos(6);
      while (System.nanoTime() < recoveryDeadline) {
        long now = System.nanoTime();
        long seq = malloryFrameSeq++;
        byte[] plain = StressMedia.frame(99, 0, seq, false, now);
        FrameResult sealed = malloryMic.process(EncodedFrame.audio(ByteBuffer.wrap(plain), StressMedia.OPUS, 99,
            (int) seq * 960, malloryId));
        out.clear();
        FrameResult r = victimOfMallory.process(EncodedFrame.audio(sealed.output(), StressMedia.OPUS, 99,
            (int) seq * 960, malloryId), out);
        recoveryFrames++;
        if (r.status() == FrameResult.Status.DECRYPTED) {
          if (!StressMedia.isExactly(r.outputBufferOrNull(), r.offset(), r.length(), 99, 0, seq, false, now)) {
            problems.add("mallory's real frame decrypted to other bytes");
          }
          recoveredAt = System.nanoTime();
          break;
        }
        recoveryDrops[r.dropReasonOrNull().ordinal()]++;
        Thread.sleep(20);
      }
      Thread.sleep(1200); // derivations queued by the flood finish on the provider's thread
      long budgetEnd = System.nanoTime();
      long derivations = victimKeys.autoRatchetDerivations() - derivationsBefore;
      long trials = victimKeys.trialDecryptions() - trialsBefore;
      double budgetSeconds = (budgetEnd - floodStart) / 1e9;
      long derivationLimit = (long) Math.ceil(budgetSeconds) * (WINDOW + 1) + (WINDOW + 1);
      long trialLimit = (long) Math.ceil(budgetSeconds) * DefaultKeyProvider.TRIAL_DECRYPTIONS_PER_SECOND
          + DefaultKeyProvider.TRIAL_DECRYPTIONS_PER_SECOND;

      talking.forEach(f -> f.cancel(false));
      scheduler.shutdown();
      assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
      victimMedia.shutdown();
      assertTrue(victimMedia.awaitTermination(10, TimeUnit.SECONDS));
      long heapAfter = Figures.heapAfterGc();
      int participantsAfter = victimKeys.participantCount();

      Figures.print("flood: %d items in %.2f s from one thread = %.0f/s (target %d/s): %d forged frames, %d real"
          + " frames of mallory's (%d decrypted), %d data packets (%d accepted), %d distinct forged identities",
          item, floodSeconds, item / floodSeconds, FLOOD_PER_SECOND, counts[0], counts[1], counts[2], counts[3],
          counts[4], counts[5]);
      Figures.print("flood frame drops: %s", Figures.joinCounts(frameOutcomes, REASONS));
      Figures.print("flood data refusals: %s", Figures.joinCounts(dataOutcomes, io.e2ee4j.api.data.DataFailureReason.values()));
      Figures.print("flood victim work over %.2f s: auto-ratchet derivations %d (limit %d = %d/s x %d s + %d),"
          + " trial decryptions %d (limit %d = %d/s x %d s + %d)", budgetSeconds, derivations, derivationLimit,
          WINDOW + 1, (long) Math.ceil(budgetSeconds), WINDOW + 1, trials, trialLimit,
          DefaultKeyProvider.TRIAL_DECRYPTIONS_PER_SECOND, (long) Math.ceil(budgetSeconds),
          DefaultKeyProvider.TRIAL_DECRYPTIONS_PER_SECOND);
      Figures.print("flood others' delay (sent to decrypted at the victim): baseline %s; under flood %s; after %s",
          baseline.summary(), flooded.summary(), after.summary());
      Figures.print("flood others: %d frames sent, %d delivered byte for byte", normalSent.sum(), normalDelivered.sum());
      Figures.print("flood mallory recovery: first real frame decrypted %s after the flood (%d frames tried; drops"
          + " meanwhile %s)", recoveredAt < 0 ? "never" : (recoveredAt - floodStopped) / 1_000_000 + " ms",
          recoveryFrames, Figures.joinCounts(recoveryDrops, REASONS));
      Figures.print("flood victim: participantCount %d before, %d after; heap after GC %s before the flood, %s after",
          participantsBefore, participantsAfter, Figures.mb(heapBefore), Figures.mb(heapAfter));

      assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(20, problems.size())));
      assertTrue(derivations <= derivationLimit, "auto-ratchet derivations " + derivations + " > " + derivationLimit);
      assertTrue(trials <= trialLimit, "trial decryptions " + trials + " > " + trialLimit);
      assertTrue(normalSent.sum() > 500, "the others hardly talked: " + normalSent.sum());
      assertEquals(normalSent.sum(), normalDelivered.sum(), "frames of alice, bob and carol were lost");
      assertEquals(participantsBefore, participantsAfter, "forged identities created key state");
      assertNull(victimKeys.findKeyHandlerOrNull(ParticipantId.of("forged-12345")));
      assertTrue(heapAfter <= heapBefore + HEAP_SLACK_MB * 1024 * 1024, "heap grew by more than " + HEAP_SLACK_MB + " MB");
      assertTrue(recoveredAt > 0 && recoveredAt - floodStopped <= TimeUnit.MILLISECONDS.toNanos(RECOVERY_LIMIT_MILLIS),
          "mallory's real frames did not decrypt within " + RECOVERY_LIMIT_MILLIS + " ms after the flood");
    } finally {
      scheduler.shutdownNow();
      victimMedia.shutdownNow();
      managers.forEach(E2eeManager::close);
      quiet.setLevel(oldLevel);
    }
  }

  private void talk(int sender, String name, int track, long seq, ManagedFrameCryptor local,
      ManagedFrameCryptor remote, ExecutorService victimMedia) {
    try {
      long now = System.nanoTime();
      boolean keyFrame = track == 1 && seq % 60 == 0;
      byte[] plain = StressMedia.frame(sender, track, seq, keyFrame, now);
      ParticipantId id = ParticipantId.of(name);
      int rtp = (int) seq * (track == 0 ? 960 : 3000);
      EncodedFrame frame = track == 0
          ? EncodedFrame.audio(ByteBuffer.wrap(plain), StressMedia.OPUS, 10 + sender * 2, rtp, id)
          : EncodedFrame.video(ByteBuffer.wrap(plain), StressMedia.VP8, keyFrame, 11 + sender * 2, rtp, id);
      FrameResult sealed = local.process(frame);
      if (!sealed.isForwarded()) {
        problems.add(name + " could not encrypt: " + sealed.describe());
        return;
      }
      ByteBuffer wire = sealed.output();
      Figures.Latency latency = currentLatency;
      normalSent.increment();
      victimMedia.execute(() -> {
        FrameResult r = remote.process(frame.withPayload(wire));
        if (r.status() == FrameResult.Status.DECRYPTED
            && StressMedia.isExactly(r.outputBufferOrNull(), r.offset(), r.length(), sender, track, seq, keyFrame, now)) {
          normalDelivered.increment();
          latency.record(System.nanoTime() - now);
        } else {
          problems.add("the victim lost " + name + "'s frame " + seq + ": " + r.describe());
        }
      });
    } catch (RuntimeException e) {
      problems.add("talk threw " + e);
    }
  }

  /** Opus-like frames with LiveKit's trailer naming key index 0 and random IVs and bodies: they never authenticate. */
  private static byte[][] garbageFrames(int n) {
    SplittableRandom random = new SplittableRandom(3);
    byte[][] frames = new byte[n][];
    for (int i = 0; i < n; i++) {
      byte[] f = new byte[60 + random.nextInt(60) + 12 + 2];
      random.nextBytes(f);
      f[0] = 0x78;
      f[f.length - 2] = 12;
      f[f.length - 1] = 0;
      frames[i] = f;
    }
    return frames;
  }

  /** Data packets naming mallory, sealed under a key the victim does not hold for her. */
  private static byte[][] wrongKeyPackets(KeyProviderOptions options, ParticipantId mallory, int n) {
    KeyProviderOptions fast = options.toBuilder().keyDerivation(KeyDerivation.HKDF).build();
    try (E2eeManager forger = E2eeManager.builder().keyProviderOptions(fast).build()) {
      forger.keyProvider().setKey(mallory, 0, KeyMaterial.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
      DataPacketCryptor sealer = forger.createDataPacketCryptor(mallory);
      byte[][] packets = new byte[n][];
      for (int i = 0; i < n; i++) {
        byte[] sealed = sealer.encrypt(DataPackets.userPacket(("forged " + i).getBytes(), "chat")).packetBytes();
        packets[i] = DataPackets.withParticipantIdentity(ByteBuffer.wrap(sealed), mallory.value());
      }
      return packets;
    }
  }

  private static E2eeManager manager(KeyProviderOptions options, List<E2eeManager> managers) {
    E2eeManager m = E2eeManager.builder().keyProviderOptions(options).build();
    managers.add(m);
    return m;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
