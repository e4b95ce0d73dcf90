package io.e2ee4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.ManagedFrameCryptor;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A busy room in one JVM, for {@code e2ee4j.soak.seconds} seconds (10 by default, 60 with
 * {@code -Psoak}): 50 participants, each with its own {@link E2eeManager} (per-participant keys,
 * set by the application for everybody, as LiveKit's per-participant mode; raw 32-byte material,
 * so HKDF; a ring of {@value #RING} slots, so a short run reuses slots as a long call reuses all
 * 16), each sending an Opus-like audio track (about 100 B at 50 frames/s) and a VP8-like video
 * track (about 1 KB delta frames, a 10 KB key frame every 60 frames, at 30 frames/s), paced by a
 * scheduler, through an in-process SFU (two forwarding threads and three receiving threads, with
 * bounded queues and back-pressure) to every other participant's remote cryptor (a full mesh made
 * with {@link E2eeManager#createRemoteCryptor}).
 *
 * <p>While it runs, from {@value #FIRST_KEY_CHANGE_MILLIS} ms on (a cold JVM needs a moment before it
 * keeps up), every participant changes its key every 2-3.5 s, alternately a ratchet
 * ({@code ratchetKey}; the receivers of even-numbered participants follow by auto-ratchet, those of
 * odd-numbered ones are told the new material by a message that travels through the SFU behind the
 * frames sent before the ratchet, as a key message on the data channel would) and a new random key at the next key index (given
 * to the receivers first, then used). Every {@value #CHURN_MILLIS} ms one participant leaves
 * (removed with {@link E2eeManager#removeParticipant} everywhere, its manager and key provider
 * closed) and a new one joins.
 *
 * <p>The frame rate is the nominal one times {@code e2ee4j.soak.rateScale} (default {@value
 * #DEFAULT_RATE_SCALE}: on a 2-core machine the full 196,000 decryptions a second do not fit
 * beside the senders and the SFU, so the rate is scaled, never the participant count); the rates
 * really achieved are printed.
 *
 * <p><b>Proves:</b> no frame decrypts to bytes other than those sent (each frame embeds its sender,
 * sequence and a CRC, and the receiver recomputes every byte); a frame is dropped only if it was
 * sent within the <b>key-change window of {@value #KEY_CHANGE_WINDOW_MILLIS} ms</b> (before or
 * after) of a key change at its sender, or (reason {@code CLOSED}) its sender or receiver had left;
 * heap after GC at the end is at most heap after warm-up + {@value #HEAP_SLACK_MB} MB; every key
 * provider holds exactly the participants in the room (leavers' keys are gone).
 *
 * <p><b>Prints</b> ({@code [stress] soak ...}): nominal and achieved send and decrypt rates, frames
 * sent, delivered, dropped by reason (and how many were excused by the window), latency SFU-in to
 * decrypted (p50/p99/max), key changes, joins and leaves, state events and coalesced changes,
 * auto-ratchet derivations and trial decryptions, heap before, after warm-up and after, and the
 * providers' participant counts.
 */
class SoakTest {

  static final int PARTICIPANTS = 50;
  static final int RING = 4;
  static final long KEY_CHANGE_WINDOW_MILLIS = 500;
  static final long CHURN_MILLIS = 1500;
  /** Key changes start after the JIT has compiled the frame paths (a cold JVM lags by up to a second). */
  static final long FIRST_KEY_CHANGE_MILLIS = 2000;
  static final long HEAP_SLACK_MB = 32;
  static final double DEFAULT_RATE_SCALE = 0.12;
  static final int AUDIO_FPS = 50;
  static final int VIDEO_FPS = 30;
  static final int FORWARDERS = 2;
  static final int RECEIVERS = 3;
  static final String[] TRACKS = {"mic", "cam"};

  private static final FrameDropReason[] REASONS = FrameDropReason.values();
  private static final KeyProviderOptions OPTIONS = KeyProviderOptions.builder().keyRingSize(RING).build();
  private static final ThreadLocal<ByteBuffer> OUT = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 << 10));

  private final SecureRandom secureRandom = new SecureRandom();
  private final Random random = new Random(42);
  private final CopyOnWriteArrayList<Member> members = new CopyOnWriteArrayList<>();
  private final List<Member> leavers = new ArrayList<>();
  private final AtomicInteger nextIndex = new AtomicInteger();

  private final LongAdder sentAudio = new LongAdder();
  private final LongAdder sentVideo = new LongAdder();
  private final AtomicLongArray sendDrops = new AtomicLongArray(REASONS.length);
  private final LongAdder delivered = new LongAdder();
  private final LongAdder mismatched = new LongAdder();
  private final AtomicLongArray drops = new AtomicLongArray(REASONS.length);
  private final LongAdder excusedDrops = new LongAdder();
  private final LongAdder senderGone = new LongAdder();
  private final LongAdder receiverGone = new LongAdder();
  private final LongAdder sfuOverflow = new LongAdder();
  private final LongAdder stateEvents = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder logWarnings = new LongAdder();
  private final LongAdder logOthers = new LongAdder();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final Figures.Latency latency = new Figures.Latency();
  private final AtomicLongArray maxLatencyBySecond = new AtomicLongArray(600);
  private volatile long runStart;
  private long ratchetsAutoFollowed;
  private long ratchetsTold;
  private long replacements;
  private long joins;

  private Sfu sfu;
  private ScheduledThreadPoolExecutor senders;

  /** One participant: its manager, its tracks, its remote cryptors. */
  final class Member {
    final int index;
    final ParticipantId id;
    final E2eeManager manager;
    final DefaultKeyProvider keys;
    /** Receivers follow this participant's ratchets by auto-ratchet (true) or are told (false). */
    final boolean autoFollowed;
    final ManagedFrameCryptor[] local = new ManagedFrameCryptor[2];
    final ConcurrentHashMap<Integer, ManagedFrameCryptor> remote = new ConcurrentHashMap<>();
    final AtomicLong[] seq = {new AtomicLong(), new AtomicLong()};
    final ConcurrentSkipListSet<Long> keyChanges = new ConcurrentSkipListSet<>();
    final int shard;
    final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    volatile boolean left;
    int keyIndex;
    long nextKeyChange;
    int keyChangeCount;

    Member(int index) {
      this.index = index;
      this.id = ParticipantId.of("p" + index);
      this.manager = E2eeManager.builder().keyProviderOptions(OPTIONS).build();
      this.keys = (DefaultKeyProvider) manager.keyProvider();
      this.autoFollowed = index % 2 == 0;
      this.shard = index % RECEIVERS;
      manager.addStateListener(e -> {
        stateEvents.increment();
        coalesced.add(e.coalescedChanges());
      });
      local[0] = manager.createLocalCryptor(id, TRACKS[0], StressMedia.OPUS);
      local[1] = manager.createLocalCryptor(id, TRACKS[1], StressMedia.VP8);
    }

    int ssrc(int track) {
      return index * 2 + track + 1000;
    }

    boolean keyChangeNear(long sendNanos) {
      long window = TimeUnit.MILLISECONDS.toNanos(KEY_CHANGE_WINDOW_MILLIS);
      Long before = keyChanges.floor(sendNanos);
      Long after = keyChanges.ceiling(sendNanos);
      return before != null && sendNanos - before <= window || after != null && after - sendNanos <= window;
    }
  }

  /**
   * A frame as the wire carries it, or (with {@code toldMaterial}) the sender's message telling every
   * receiver its ratcheted key, which travels through the SFU behind the frames sent before it.
   */
  record WireFrame(Member sender, int track, long seq, boolean keyFrame, long sendNanos, byte[] payload,
      int toldIndex, byte[] toldMaterial) {
    WireFrame(Member sender, int track, long seq, boolean keyFrame, long sendNanos, byte[] payload) {
      this(sender, track, seq, keyFrame, sendNanos, payload, -1, null);
    }
  }

  record Delivery(Member receiver, WireFrame frame) {}

  /** The forwarding SFU: frames in, one copy of the wire bytes shared by every receiver. */
  final class Sfu {
    final List<ArrayBlockingQueue<WireFrame>> ingress = new ArrayList<>();
    final List<ArrayBlockingQueue<Delivery>> egress = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final AtomicLong pending = new AtomicLong();
    volatile boolean running = true;

    Sfu() {
      for (int i = 0; i < FORWARDERS; i++) {
        ArrayBlockingQueue<WireFrame> q = new ArrayBlockingQueue<>(1024);
        ingress.add(q);
        threads.add(thread("sfu-forward-" + i, () -> forward(q)));
      }
      for (int i = 0; i < RECEIVERS; i++) {
        ArrayBlockingQueue<Delivery> q = new ArrayBlockingQueue<>(8192);
        egress.add(q);
        threads.add(thread("sfu-receive-" + i, () -> receiveLoop(q)));
      }
      threads.forEach(Thread::start);
    }

    private Thread thread(String name, Runnable body) {
      Thread t = new Thread(body, name);
      t.setDaemon(true);
      return t;
    }

    void publish(WireFrame frame) {
      pending.incrementAndGet();
      if (!offer(ingress.get(frame.sender().index % FORWARDERS), frame)) {
        pending.decrementAndGet();
        sfuOverflow.increment();
      }
    }

    private void forward(ArrayBlockingQueue<WireFrame> q) {
      while (running || !q.isEmpty()) {
        WireFrame frame = poll(q);
        if (frame == null) {
          continue;
        }
        for (Member r : members) {
          if (r != frame.sender()) {
            pending.incrementAndGet();
            if (!offer(egress.get(r.shard), new Delivery(r, frame))) {
              pending.decrementAndGet();
              sfuOverflow.increment();
            }
          }
        }
        pending.decrementAndGet();
      }
    }

    private void receiveLoop(ArrayBlockingQueue<Delivery> q) {
      while (running || !q.isEmpty()) {
        Delivery d = poll(q);
        if (d == null) {
          continue;
        }
        try {
          receive(d.receiver(), d.frame());
        } catch (RuntimeException e) {
          problems.add("receive threw " + e);
        } finally {
          pending.decrementAndGet();
        }
      }
    }

    /** Waits until every frame published so far has been processed, at most {@code millis}. */
    boolean drain(long millis) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (pending.get() > 0) {
        if (System.nanoTime() > end) {
          return false;
        }
        Thread.sleep(10);
      }
      return true;
    }

    void stop() throws InterruptedException {
      running = false;
      for (Thread t : threads) {
        t.join(5000);
      }
    }
  }

  private static <T> boolean offer(ArrayBlockingQueue<T> q, T item) {
    try {
      return q.offer(item, 2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static <T> T poll(ArrayBlockingQueue<T> q) {
    try {
      return q.poll(50, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void busyRoomDecryptsEveryFrameExactlyAndDropsOnlyAroundKeyChanges() throws Exception {
    long seconds = Long.getLong("e2ee4j.soak.seconds", 10);
    double scale = Double.parseDouble(System.getProperty("e2ee4j.soak.rateScale", String.valueOf(DEFAULT_RATE_SCALE)));
    // 50 managers log state changes (rate-limited per manager, so up to thousands of lines a second
    // in this room); printing them to the console would be most of the work. Count them instead.
    java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("io.e2ee4j");
    java.util.logging.Level oldLevel = quiet.getLevel();
    boolean oldParents = quiet.getUseParentHandlers();
    java.util.logging.Handler counter = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() ? logWarnings : logOthers)
            .increment();
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    quiet.setLevel(java.util.logging.Level.INFO);
    quiet.setUseParentHandlers(false);
    quiet.addHandler(counter);
    try {
      run(seconds, scale);
    } finally {
      quiet.removeHandler(counter);
      quiet.setUseParentHandlers(oldParents);
      quiet.setLevel(oldLevel);
    }
  }

  private void run(long seconds, double scale) throws Exception {
    long heapBefore = Figures.heapAfterGc();
    long setupStart = System.nanoTime();
    sfu = new Sfu();
    for (int i = 0; i < PARTICIPANTS; i++) {
      Member m = new Member(nextIndex.getAndIncrement());
      byte[] material = randomMaterial();
      m.keys.setKey(m.id, 0, KeyMaterial.fromBytes(material));
      for (Member other : members) {
        other.keys.setKey(m.id, 0, KeyMaterial.fromBytes(material));
        m.keys.setKey(other.id, 0, KeyMaterial.fromBytes(other.keys.exportKey(other.id, 0)));
        connect(m, other);
      }
      members.add(m);
    }
    Figures.print("soak setup: %d participants, %d remote cryptors, in %d ms", members.size(),
        members.stream().mapToInt(m -> m.remote.size()).sum(), (System.nanoTime() - setupStart) / 1_000_000);

    senders = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "soak-sender");
      t.setDaemon(true);
      return t;
    });
    long audioPeriod = Math.round(1_000_000.0 / AUDIO_FPS / scale);
    long videoPeriod = Math.round(1_000_000.0 / VIDEO_FPS / scale);
    long start = System.nanoTime();
    runStart = start;
    for (Member m : members) {
      startSending(m, audioPeriod, videoPeriod);
      m.nextKeyChange = start + TimeUnit.MILLISECONDS.toNanos(FIRST_KEY_CHANGE_MILLIS + random.nextInt(2000));
    }
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long warmupAt = start + TimeUnit.SECONDS.toNanos(Math.max(3, seconds * 3 / 10));
    long nextChurn = start + TimeUnit.MILLISECONDS.toNanos(CHURN_MILLIS);
    long heapWarm = -1;
    long sentAtWarm = 0;
    long deliveredAtWarm = 0;
    long warmNanos = 0;
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      changeKeysDue(now);
      if (now >= nextChurn) {
        churn(audioPeriod, videoPeriod);
        nextChurn = now + TimeUnit.MILLISECONDS.toNanos(CHURN_MILLIS);
      }
      if (heapWarm < 0 && now >= warmupAt) {
        heapWarm = Figures.heapAfterGc();
        warmNanos = System.nanoTime();
        sentAtWarm = sentAudio.sum() + sentVideo.sum();
        deliveredAtWarm = delivered.sum();
      }
      Thread.sleep(20);
    }
    long sendingStopped = System.nanoTime();
    for (Member m : members) {
      m.tasks.forEach(t -> t.cancel(false));
    }
    senders.shutdown();
    assertTrue(senders.awaitTermination(10, TimeUnit.SECONDS), "senders did not stop");
    assertTrue(sfu.drain(30_000), "the SFU did not drain within 30 s: " + sfu.pending.get() + " deliveries pending");
    long drained = System.nanoTime();
    sfu.stop();
    long heapAfter = Figures.heapAfterGc();

    double elapsed = (sendingStopped - start) / 1e9;
    double steady = (sendingStopped - warmNanos) / 1e9;
    long sent = sentAudio.sum() + sentVideo.sum();
    long droppedTotal = sumOf(drops);
    int minCount = Integer.MAX_VALUE;
    int maxCount = 0;
    long derivations = 0;
    long trials = 0;
    for (Member m : members) {
      minCount = Math.min(minCount, m.keys.participantCount());
      maxCount = Math.max(maxCount, m.keys.participantCount());
      derivations += m.keys.autoRatchetDerivations();
      trials += m.keys.trialDecryptions();
    }
    Figures.print("soak: %d participants for %.1f s (drained %.1f s later), nominal %d+%d frames/s each x rateScale %.2f",
        PARTICIPANTS, elapsed, (drained - sendingStopped) / 1e9, AUDIO_FPS, VIDEO_FPS, scale);
    Figures.print("soak rates achieved: sent %.0f frames/s (audio %.0f/s, video %.0f/s; nominal at full scale %d/s),"
        + " decrypted %.0f frames/s overall, %.0f/s after warm-up (nominal at full scale %d/s)",
        sent / elapsed, sentAudio.sum() / elapsed, sentVideo.sum() / elapsed, PARTICIPANTS * (AUDIO_FPS + VIDEO_FPS),
        delivered.sum() / elapsed, (delivered.sum() - deliveredAtWarm) / steady,
        PARTICIPANTS * (AUDIO_FPS + VIDEO_FPS) * (PARTICIPANTS - 1));
    Figures.print("soak frames: sent %d (%d after warm-up), delivered and verified %d, wrong bytes %d,"
        + " dropped %d (%s), of them excused %d; skipped because the sender had left %d, the receiver had left %d;"
        + " SFU queue overflow %d; sender-side drops %s",
        sent, sent - sentAtWarm, delivered.sum(), mismatched.sum(), droppedTotal, Figures.joinCounts(toArray(drops), REASONS),
        excusedDrops.sum(), senderGone.sum(), receiverGone.sum(), sfuOverflow.sum(),
        Figures.joinCounts(toArray(sendDrops), REASONS));
    Figures.print("soak latency (published to decrypted and verified): %s; worst per second of the run (ms): %s",
        latency.summary(), java.util.stream.LongStream.range(0, Math.min(600, (sendingStopped - start) / 1_000_000_000L + 1))
            .mapToObj(i -> String.valueOf(maxLatencyBySecond.get((int) i))).collect(java.util.stream.Collectors.joining(" ")));
    Figures.print("soak keys: %d ratchets followed by auto-ratchet, %d ratchets told to receivers, %d new keys at"
        + " new indexes; %d joins, %d leaves; auto-ratchet derivations %d, trial decryptions %d (all providers)",
        ratchetsAutoFollowed, ratchetsTold, replacements, joins, leavers.size(), derivations, trials);
    Figures.print("soak state events: %d delivered to listeners, standing for %d more coalesced changes;"
        + " log records of io.e2ee4j (counted, not printed): %d WARNING, %d INFO", stateEvents.sum(), coalesced.sum(),
        logWarnings.sum(), logOthers.sum());
    Figures.print("soak heap after GC: before setup %s, after warm-up %s, after the run %s (limit warm-up + %d MB);"
        + " participantCount per provider min %d max %d (room of %d)", Figures.mb(heapBefore), Figures.mb(heapWarm),
        Figures.mb(heapAfter), HEAP_SLACK_MB, minCount, maxCount, members.size());

    try {
      assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(20, problems.size())),
          "frames decrypted to other bytes, or dropped outside the key-change window");
      assertEquals(0, mismatched.sum(), "frames decrypted to bytes other than those sent");
      assertTrue(delivered.sum() > sent, "too few frames delivered to mean anything");
      assertEquals(PARTICIPANTS, members.size());
      assertEquals(PARTICIPANTS, minCount, "a provider lost participants");
      assertEquals(PARTICIPANTS, maxCount, "a provider kept leavers or forged participants");
      for (Member m : members) {
        for (Member l : leavers) {
          assertNull(m.keys.findKeyHandlerOrNull(l.id), m.id + " still holds keys of leaver " + l.id);
        }
      }
      assertTrue(heapAfter <= heapWarm + HEAP_SLACK_MB * 1024 * 1024,
          "heap grew from " + Figures.mb(heapWarm) + " after warm-up to " + Figures.mb(heapAfter));
    } finally {
      for (Member m : members) {
        m.manager.close();
      }
    }
  }

  private void connect(Member a, Member b) {
    for (int t = 0; t < 2; t++) {
      String mime = t == 0 ? StressMedia.OPUS : StressMedia.VP8;
      a.remote.put(b.index * 2 + t, a.manager.createRemoteCryptor(b.id, TRACKS[t], mime));
      b.remote.put(a.index * 2 + t, b.manager.createRemoteCryptor(a.id, TRACKS[t], mime));
    }
  }

  private void startSending(Member m, long audioPeriodMicros, long videoPeriodMicros) {
    long offset = random.nextInt(20_000);
    m.tasks.add(senders.scheduleAtFixedRate(() -> send(m, StressMedia.AUDIO), offset, audioPeriodMicros,
        TimeUnit.MICROSECONDS));
    m.tasks.add(senders.scheduleAtFixedRate(() -> send(m, StressMedia.VIDEO), offset + 7_000, videoPeriodMicros,
        TimeUnit.MICROSECONDS));
  }

  private void send(Member m, int track) {
    if (m.left) {
      return;
    }
    try {
      long seq = m.seq[track].getAndIncrement();
      boolean keyFrame = track == StressMedia.VIDEO && (seq + m.index * 7L) % 60 == 0; // staggered
      long now = System.nanoTime();
      byte[] plain = StressMedia.frame(m.index, track, seq, keyFrame, now);
      ByteBuffer out = OUT.get();
      out.clear();
      FrameResult r = m.local[track].process(frame(m, track, seq, keyFrame, ByteBuffer.wrap(plain)), out);
      if (!r.isForwarded()) {
        sendDrops.incrementAndGet(r.dropReasonOrNull().ordinal());
        if (!(m.left && r.dropReasonOrNull() == FrameDropReason.CLOSED)) {
          problems.add("sender " + m.id + " dropped its own frame: " + r.describe());
        }
        return;
      }
      byte[] wire = new byte[r.length()];
      r.output().get(wire);
      (track == StressMedia.AUDIO ? sentAudio : sentVideo).increment();
      sfu.publish(new WireFrame(m, track, seq, keyFrame, now, wire));
    } catch (RuntimeException e) {
      problems.add("send threw " + e);
    }
  }

  private static EncodedFrame frame(Member sender, int track, long seq, boolean keyFrame, ByteBuffer payload) {
    int rtp = (int) (seq * (track == StressMedia.AUDIO ? 960 : 3000));
    return track == StressMedia.AUDIO
        ? EncodedFrame.audio(payload, StressMedia.OPUS, sender.ssrc(track), rtp, sender.id)
        : EncodedFrame.video(payload, StressMedia.VP8, keyFrame, sender.ssrc(track), rtp, sender.id);
  }

  private void receive(Member r, WireFrame w) {
    if (w.toldMaterial() != null) {
      synchronized (r) { // never re-creates the keys of a participant who left meanwhile
        if (!r.left && !w.sender().left) {
          r.keys.setKey(w.sender().id, w.toldIndex(), KeyMaterial.fromBytes(w.toldMaterial()));
        }
      }
      return;
    }
    if (r.left) {
      receiverGone.increment();
      return;
    }
    ManagedFrameCryptor cryptor = r.remote.get(w.sender().index * 2 + w.track());
    if (cryptor == null) {
      if (w.sender().left || r.left) {
        senderGone.increment();
      } else {
        problems.add(r.id + " has no cryptor for " + w.sender().id + " track " + w.track());
      }
      return;
    }
    ByteBuffer out = OUT.get();
    out.clear();
    FrameResult res = cryptor.process(frame(w.sender(), w.track(), w.seq(), w.keyFrame(), ByteBuffer.wrap(w.payload())),
        out);
    switch (res.status()) {
      case DECRYPTED -> {
        if (StressMedia.isExactly(res.outputBufferOrNull(), res.offset(), res.length(), w.sender().index, w.track(),
            w.seq(), w.keyFrame(), w.sendNanos())) {
          delivered.increment();
          long took = System.nanoTime() - w.sendNanos();
          latency.record(took);
          int second = (int) Math.min(maxLatencyBySecond.length() - 1, Math.max(0, (w.sendNanos() - runStart) / 1_000_000_000L));
          maxLatencyBySecond.accumulateAndGet(second, took / 1_000_000, Math::max);
        } else {
          mismatched.increment();
          problems.add(r.id + " decrypted " + w.sender().id + "'s frame " + w.seq() + " to other bytes");
        }
      }
      case DROPPED -> {
        FrameDropReason reason = res.dropReasonOrNull();
        drops.incrementAndGet(reason.ordinal());
        boolean excused = reason == FrameDropReason.CLOSED
            ? w.sender().left || r.left
            : w.sender().keyChangeNear(w.sendNanos());
        if (excused) {
          excusedDrops.increment();
        } else if (problems.size() < 200) {
          Long before = w.sender().keyChanges.floor(w.sendNanos());
          problems.add(r.id + " dropped " + w.sender().id + "'s " + TRACKS[w.track()] + " frame " + w.seq() + " ("
              + res.describe() + "), sent " + (before == null ? "with no key change before"
              : (w.sendNanos() - before) / 1_000_000 + " ms after its sender's last key change")
              + ", " + (System.nanoTime() - w.sendNanos()) / 1_000_000 + " ms ago");
        }
      }
      default -> {
        mismatched.increment();
        problems.add(r.id + " passed " + w.sender().id + "'s frame through: " + res.describe());
      }
    }
  }

  /** Key changes, on the test thread (as the application's signalling would), never racing churn. */
  private void changeKeysDue(long now) {
    for (Member m : members) {
      if (now < m.nextKeyChange) {
        continue;
      }
      m.keyChanges.add(System.nanoTime());
      if (m.keyChangeCount % 2 == 0) {
        byte[] next = m.keys.ratchetKey(m.id, m.keyIndex);
        if (m.autoFollowed) {
          ratchetsAutoFollowed++;
        } else {
          sfu.publish(new WireFrame(m, -1, -1, false, System.nanoTime(), null, m.keyIndex, next));
          ratchetsTold++;
        }
      } else {
        int index = (m.keyIndex + 1) % RING;
        byte[] material = randomMaterial();
        for (Member r : members) {
          if (r != m) {
            r.keys.setKey(m.id, index, KeyMaterial.fromBytes(material));
          }
        }
        m.keys.setKey(m.id, index, KeyMaterial.fromBytes(material));
        m.keyIndex = index;
        replacements++;
      }
      m.keyChanges.add(System.nanoTime());
      m.keyChangeCount++;
      m.nextKeyChange = now + TimeUnit.MILLISECONDS.toNanos(2000 + random.nextInt(1500));
    }
  }

  /** One participant leaves and a new one joins. */
  private void churn(long audioPeriod, long videoPeriod) {
    Member leaver = members.get(random.nextInt(members.size()));
    leaver.left = true;
    leaver.tasks.forEach(t -> t.cancel(false));
    members.remove(leaver);
    for (Member r : members) {
      synchronized (r) {
        r.remote.keySet().removeIf(k -> k / 2 == leaver.index);
        r.manager.removeParticipant(leaver.id);
      }
    }
    leaver.manager.close();
    leaver.keys.close();
    leavers.add(leaver);

    Member joiner = new Member(nextIndex.getAndIncrement());
    byte[] material = randomMaterial();
    joiner.keys.setKey(joiner.id, 0, KeyMaterial.fromBytes(material));
    joiner.keyIndex = 0;
    for (Member r : members) {
      r.keys.setKey(joiner.id, 0, KeyMaterial.fromBytes(material));
      int index = r.keys.currentKeyIndex(r.id);
      joiner.keys.setKey(r.id, index, KeyMaterial.fromBytes(r.keys.exportKey(r.id, index)));
      connect(joiner, r);
    }
    joiner.nextKeyChange = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000 + random.nextInt(1500));
    members.add(joiner);
    startSending(joiner, audioPeriod, videoPeriod);
    joins++;
  }

  private byte[] randomMaterial() {
    byte[] b = new byte[32];
    secureRandom.nextBytes(b);
    return b;
  }

  private static long sumOf(AtomicLongArray a) {
    long n = 0;
    for (int i = 0; i < a.length(); i++) {
      n += a.get(i);
    }
    return n;
  }

  private static long[] toArray(AtomicLongArray a) {
    long[] out = new long[a.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i);
    }
    return out;
  }
}
