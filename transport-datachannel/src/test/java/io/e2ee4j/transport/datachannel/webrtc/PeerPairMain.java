package io.e2ee4j.transport.datachannel.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.data.DataValueCase;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.transport.datachannel.DataPackets;
import io.e2ee4j.transport.datachannel.LiveKitDataPacketCryptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer side of {@link EncryptedDataChannelWebRtcTest}, run in a child JVM inside a network
 * namespace (libwebrtc ignores loopback, so the JVM needs a namespace with a real interface).
 *
 * <p>Two {@link RTCPeerConnection}s in this JVM, headless audio, in-process signalling. Alice and
 * Bob each hold both participants' keys (per-participant mode: alice at key index 1, bob at 0).
 * Over a reliable, ordered channel each side sends {@code count} user packets of sizes from 1 B to
 * 60 KiB through an {@link EncryptedDataChannel}; the receiver checks every payload arrives
 * decrypted, intact and in order, and the wire taps check no encrypted message contains its
 * plaintext. On a second channel Bob's adapter holds a wrong key for Alice: it must deliver none of
 * Alice's messages and report each failure. An over-size message must be refused.
 *
 * <p>Prints {@code RESULT key=value} lines and exits 0 when it ran to the end (the parent test
 * judges the values), 2 on a timeout or setup failure.
 */
public final class PeerPairMain {

  static final int MAX_SIZE = 60 * 1024;
  static final int WRONG_KEY_MESSAGES = 50;
  static final long SEED = 0x5EED_DA7AL;
  static final ParticipantId ALICE = ParticipantId.of("alice");
  static final ParticipantId BOB = ParticipantId.of("bob");

  private static final long START = System.nanoTime();
  private static final Map<String, Object> RESULTS = new TreeMap<>();
  private static final List<String> ERRORS = java.util.Collections.synchronizedList(new ArrayList<>());

  private PeerPairMain() {}

  /** The size of message {@code i}: the ends 1 B and 60 KiB, then log-uniform in between. */
  static int sizeOf(int direction, int i) {
    if (i == 0) {
      return 1;
    }
    if (i == 1) {
      return MAX_SIZE;
    }
    Random r = new Random(SEED * 31 + direction * 1_000_003L + i);
    return (int) Math.min(MAX_SIZE, Math.round(Math.exp(r.nextDouble() * Math.log(MAX_SIZE))));
  }

  /** Message {@code i}'s payload: a header naming it, then seeded random bytes. */
  static byte[] payloadOf(int direction, int i) {
    byte[] p = new byte[sizeOf(direction, i)];
    new Random(SEED + direction * 7_919L + i).nextBytes(p);
    byte[] header = ("MSG" + direction + ":" + i + ";").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, p, 0, Math.min(header.length, p.length));
    return p;
  }

  static KeyMaterial material(int seed) {
    byte[] b = new byte[32];
    new Random(seed).nextBytes(b);
    return KeyMaterial.fromBytes(b);
  }

  static int indexOf(ByteBuffer hay, byte[] needle) {
    int n = hay.remaining();
    outer:
    for (int i = 0; i + needle.length <= n; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay.get(hay.position() + i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** One end: its connection, its channels and what it received. */
  static final class Peer implements PeerConnectionObserver {
    final String name;
    RTCPeerConnection pc;
    Peer other;
    final List<RTCIceCandidate> pending = new ArrayList<>();
    boolean remoteSet;
    final Map<String, CompletableFuture<RTCDataChannel>> channels = new ConcurrentHashMap<>();

    Peer(String name) {
      this.name = name;
    }

    CompletableFuture<RTCDataChannel> channel(String label) {
      return channels.computeIfAbsent(label, l -> new CompletableFuture<>());
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
      other.addRemoteCandidate(candidate);
    }

    synchronized void addRemoteCandidate(RTCIceCandidate c) {
      if (remoteSet) {
        pc.addIceCandidate(c);
      } else {
        pending.add(c);
      }
    }

    synchronized void remoteDescriptionSet() {
      remoteSet = true;
      for (RTCIceCandidate c : pending) {
        pc.addIceCandidate(c);
      }
      pending.clear();
    }

    @Override
    public void onDataChannel(RTCDataChannel channel) {
      channel(channel.getLabel()).complete(channel);
    }
  }

  /** Counts and checks what one receiving adapter gets. */
  static final class Receiver implements EncryptedDataChannel.Listener {
    final int direction;
    final String name;
    final ParticipantId expectedSender;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();
    final AtomicInteger intact = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();
    final ConcurrentLinkedQueue<DataPacketResult> failures = new ConcurrentLinkedQueue<>();
    final CountDownLatch done;

    Receiver(String name, int direction, ParticipantId expectedSender, int expected) {
      this.name = name;
      this.direction = direction;
      this.expectedSender = expectedSender;
      this.done = new CountDownLatch(expected);
    }

    @Override
    public void onMessage(DataPacketResult message) {
      delivered.incrementAndGet();
      int i = next.getAndIncrement();
      byte[] payload = DataPackets.userPayloadOrNull(message.packet());
      boolean ok = message.status() == DataPacketResult.Status.DECRYPTED
          && message.valueCaseOrNull() == DataValueCase.USER
          && expectedSender.equals(message.participantOrNull())
          && payload != null && Arrays.equals(payload, payloadOf(direction, i));
      if (ok) {
        intact.incrementAndGet();
        bytes.addAndGet(payload.length);
      } else if (ERRORS.size() < 20) {
        ERRORS.add(name + ": message " + i + " not intact or out of order: " + message.describe()
            + (payload == null ? "" : ", " + payload.length + " bytes"));
      }
      done.countDown();
    }

    @Override
    public void onFailure(DataPacketResult failure) {
      failures.add(failure);
      done.countDown();
    }
  }

  /** Checks every encrypted message on the wire against the plaintext it must hide. */
  static final class Tap implements EncryptedDataChannel.WireTap {
    final int direction;
    final AtomicInteger seen = new AtomicInteger();
    final AtomicInteger notEncrypted = new AtomicInteger();
    final AtomicInteger checked = new AtomicInteger();
    final AtomicInteger plaintextFound = new AtomicInteger();
    final AtomicLong wireBytes = new AtomicLong();

    Tap(int direction) {
      this.direction = direction;
    }

    @Override
    public void onWire(boolean outgoing, ByteBuffer message) {
      if (!outgoing) {
        return; // each message is checked once, where it leaves
      }
      int i = seen.getAndIncrement();
      wireBytes.addAndGet(message.remaining());
      if (DataPackets.valueCase(message) != DataValueCase.ENCRYPTED_PACKET) {
        notEncrypted.incrementAndGet();
      }
      byte[] plain = payloadOf(direction, i);
      // Short payloads can occur in random ciphertext by chance; 12 bytes and more cannot.
      if (plain.length >= 12) {
        checked.incrementAndGet();
        if (indexOf(message, Arrays.copyOf(plain, Math.min(plain.length, 64))) >= 0) {
          plaintextFound.incrementAndGet();
        }
      }
    }
  }

  static void await(CompletableFuture<?> f, long deadline, String what) throws Exception {
    f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  static void offerAnswer(Peer a, Peer b, long deadline) throws Exception {
    CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
    a.pc.createOffer(new RTCOfferOptions(), observer(offer));
    RTCSessionDescription o = offer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    await(setLocal(a.pc, o), deadline, "alice local");
    await(setRemote(b.pc, o), deadline, "bob remote");
    b.remoteDescriptionSet();
    CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
    b.pc.createAnswer(new RTCAnswerOptions(), observer(answer));
    RTCSessionDescription ans = answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    await(setLocal(b.pc, ans), deadline, "bob local");
    await(setRemote(a.pc, ans), deadline, "alice remote");
    a.remoteDescriptionSet();
  }

  static CreateSessionDescriptionObserver observer(CompletableFuture<RTCSessionDescription> f) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        f.complete(description);
      }

      @Override
      public void onFailure(String error) {
        f.completeExceptionally(new IllegalStateException(error));
      }
    };
  }

  static CompletableFuture<Void> setLocal(RTCPeerConnection pc, RTCSessionDescription d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    pc.setLocalDescription(d, setObserver(f));
    return f;
  }

  static CompletableFuture<Void> setRemote(RTCPeerConnection pc, RTCSessionDescription d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    pc.setRemoteDescription(d, setObserver(f));
    return f;
  }

  static SetSessionDescriptionObserver setObserver(CompletableFuture<Void> f) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        f.complete(null);
      }

      @Override
      public void onFailure(String error) {
        f.completeExceptionally(new IllegalStateException(error));
      }
    };
  }

  static void waitOpen(RTCDataChannel ch, long deadline) throws InterruptedException {
    while (ch.getState() != RTCDataChannelState.OPEN) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("channel " + ch.getLabel() + " did not open");
      }
      Thread.sleep(5);
    }
  }

  /** Sends {@code count} messages, keeping at most 2 MiB queued in the channel. */
  static Thread sender(EncryptedDataChannel out, int direction, int count, long deadline, AtomicInteger sent) {
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < count; i++) {
          while (out.bufferedAmount() > (2 << 20)) {
            if (System.nanoTime() > deadline) {
              ERRORS.add("direction " + direction + ": channel stayed full");
              return;
            }
            Thread.sleep(1);
          }
          out.sendUserPayload(payloadOf(direction, i), null);
          sent.incrementAndGet();
        }
      } catch (Exception e) {
        ERRORS.add("direction " + direction + ": send failed: " + e);
      }
    }, "sender-" + direction);
    t.start();
    return t;
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long timeoutSeconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
    long start = START;
    long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(timeoutSeconds + 10));
        System.out.println("RESULT timeout=true");
        System.out.flush();
        Runtime.getRuntime().halt(2);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int exit = 0;
    try {
      run(count, deadline);
    } catch (Exception e) {
      ERRORS.add("run failed: " + e);
      exit = 2;
    }
    RESULTS.put("elapsed.ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    RESULTS.put("errors", ERRORS.size());
    for (Map.Entry<String, Object> e : RESULTS.entrySet()) {
      System.out.println("RESULT " + e.getKey() + "=" + e.getValue());
    }
    synchronized (ERRORS) {
      for (String e : ERRORS) {
        System.out.println("ERROR " + e);
      }
    }
    System.out.flush();
    // libwebrtc's teardown can block on its threads; everything is measured and printed.
    Runtime.getRuntime().halt(exit);
  }

  static void run(int count, long deadline) throws Exception {
    KeyProviderOptions options = KeyProviderOptions.defaults();
    DefaultKeyProvider aliceKeys = new DefaultKeyProvider(options);
    DefaultKeyProvider bobKeys = new DefaultKeyProvider(options);
    DefaultKeyProvider bobWrongKeys = new DefaultKeyProvider(options);
    for (DefaultKeyProvider k : List.of(aliceKeys, bobKeys)) {
      k.setKey(ALICE, 1, material(1));
      k.setKey(BOB, 0, material(2));
    }
    bobWrongKeys.setKey(ALICE, 1, material(99));
    bobWrongKeys.setKey(BOB, 0, material(2));
    AesGcmEncryptionType gcm = new AesGcmEncryptionType();
    var aliceCryptor = new LiveKitDataPacketCryptor(aliceKeys, gcm, ALICE);
    var bobCryptor = new LiveKitDataPacketCryptor(bobKeys, gcm, BOB);
    var bobWrongCryptor = new LiveKitDataPacketCryptor(bobWrongKeys, gcm, BOB);

    HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
    adm.initPlayout();
    adm.startPlayout();
    adm.initRecording();
    adm.startRecording();
    PeerConnectionFactory factory = new PeerConnectionFactory(adm);
    Peer a = new Peer("alice");
    Peer b = new Peer("bob");
    a.other = b;
    b.other = a;
    a.pc = factory.createPeerConnection(new RTCConfiguration(), a);
    b.pc = factory.createPeerConnection(new RTCConfiguration(), b);

    RTCDataChannelInit reliable = new RTCDataChannelInit();
    reliable.ordered = true;
    RTCDataChannel aMain = a.pc.createDataChannel("e2ee", reliable);
    RTCDataChannel aWrong = a.pc.createDataChannel("wrong-key", reliable);
    offerAnswer(a, b, deadline);
    RTCDataChannel bMain = b.channel("e2ee").get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    RTCDataChannel bWrong = b.channel("wrong-key").get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    waitOpen(aMain, deadline);
    waitOpen(aWrong, deadline);
    waitOpen(bMain, deadline);
    waitOpen(bWrong, deadline);
    RESULTS.put("connected.ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - START));
    int maxMessageSize = EncryptedDataChannel.remoteMaxMessageSize(a.pc);
    RESULTS.put("maxMessageSize", maxMessageSize);

    // Direction 0: alice -> bob; direction 1: bob -> alice.
    Receiver atBob = new Receiver("bob", 0, ALICE, count);
    Receiver atAlice = new Receiver("alice", 1, BOB, count);
    Tap aliceTap = new Tap(0);
    Tap bobTap = new Tap(1);
    EncryptedDataChannel aliceOut = EncryptedDataChannel.builder(aMain, aliceCryptor).listener(atAlice)
        .wireTap(aliceTap).maxMessageSize(maxMessageSize).remotePeer(BOB).build();
    EncryptedDataChannel bobOut = EncryptedDataChannel.builder(bMain, bobCryptor).listener(atBob)
        .wireTap(bobTap).maxMessageSize(EncryptedDataChannel.remoteMaxMessageSize(b.pc)).remotePeer(ALICE).build();

    AtomicInteger sentA = new AtomicInteger();
    AtomicInteger sentB = new AtomicInteger();
    Thread ta = sender(aliceOut, 0, count, deadline, sentA);
    Thread tb = sender(bobOut, 1, count, deadline, sentB);
    ta.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    tb.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    atBob.done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    atAlice.done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);

    // An over-size message is refused before it reaches the channel, and nothing arrives for it.
    String oversize;
    if (maxMessageSize > (16 << 20)) {
      oversize = "skipped: no limit announced";
    } else try {
      aliceOut.sendUserPayload(new byte[maxMessageSize], null);
      oversize = "sent";
    } catch (DataChannelSendException e) {
      oversize = String.valueOf(e.reasonOrNull());
      RESULTS.put("oversize.message", e.getMessage().replace(' ', '_'));
    }
    RESULTS.put("oversize.refusal", oversize);

    // Wrong key: bob's adapter on the second channel holds a wrong key for alice.
    Receiver wrongAtBob = new Receiver("bob-wrong-key", 0, ALICE, WRONG_KEY_MESSAGES);
    EncryptedDataChannel aliceWrongOut = EncryptedDataChannel.builder(aWrong, aliceCryptor)
        .listener(new Receiver("alice-wrong-channel", 1, BOB, 0)).maxMessageSize(maxMessageSize).build();
    EncryptedDataChannel bobWrongIn = EncryptedDataChannel.builder(bWrong, bobWrongCryptor).listener(wrongAtBob)
        .remotePeer(ALICE).build();
    for (int i = 0; i < WRONG_KEY_MESSAGES; i++) {
      aliceWrongOut.sendUserPayload(payloadOf(0, i), null);
    }
    wrongAtBob.done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    // A moment for anything stray (such as the refused over-size message) to arrive on the main channel.
    Thread.sleep(200);

    RESULTS.put("count", count);
    RESULTS.put("a2b.sent", sentA.get());
    RESULTS.put("a2b.delivered", atBob.delivered.get());
    RESULTS.put("a2b.intactInOrder", atBob.intact.get());
    RESULTS.put("a2b.failures", atBob.failures.size());
    RESULTS.put("a2b.payloadBytes", atBob.bytes.get());
    RESULTS.put("b2a.sent", sentB.get());
    RESULTS.put("b2a.delivered", atAlice.delivered.get());
    RESULTS.put("b2a.intactInOrder", atAlice.intact.get());
    RESULTS.put("b2a.failures", atAlice.failures.size());
    RESULTS.put("b2a.payloadBytes", atAlice.bytes.get());
    int minSize = Integer.MAX_VALUE;
    int maxSize = 0;
    for (int d = 0; d < 2; d++) {
      for (int i = 0; i < count; i++) {
        minSize = Math.min(minSize, sizeOf(d, i));
        maxSize = Math.max(maxSize, sizeOf(d, i));
      }
    }
    RESULTS.put("size.min", minSize);
    RESULTS.put("size.max", maxSize);
    RESULTS.put("wire.messages", aliceTap.seen.get() + bobTap.seen.get());
    RESULTS.put("wire.bytes", aliceTap.wireBytes.get() + bobTap.wireBytes.get());
    RESULTS.put("wire.notEncrypted", aliceTap.notEncrypted.get() + bobTap.notEncrypted.get());
    RESULTS.put("wire.plaintextChecked", aliceTap.checked.get() + bobTap.checked.get());
    RESULTS.put("wire.plaintextFound", aliceTap.plaintextFound.get() + bobTap.plaintextFound.get());
    RESULTS.put("wrongkey.sent", WRONG_KEY_MESSAGES);
    RESULTS.put("wrongkey.delivered", wrongAtBob.delivered.get());
    RESULTS.put("wrongkey.failures", wrongAtBob.failures.size());
    // Failure tolerance is LiveKit JS's default, 10: eleven attempts fail authentication, then the
    // slot is marked invalid and the rest are refused without an attempt.
    long failuresNamingAliceWithoutBytes = wrongAtBob.failures.stream()
        .filter(f -> ALICE.equals(f.participantOrNull()) && f.packetLength() == 0 && f.payloadOrNull() == null)
        .count();
    RESULTS.put("wrongkey.failuresNamingAliceWithoutBytes", failuresNamingAliceWithoutBytes);
    Map<DataFailureReason, Integer> reasons = new TreeMap<>();
    for (DataPacketResult f : wrongAtBob.failures) {
      reasons.merge(f.failureOrNull(), 1, Integer::sum);
    }
    RESULTS.put("wrongkey.reasons", reasons.toString().replace(" ", ""));
    DataPacketResult first = wrongAtBob.failures.peek();
    RESULTS.put("wrongkey.firstFailure", first == null ? "none" : first.describe().replace(' ', '_'));

    aliceOut.close();
    bobOut.close();
    aliceWrongOut.close();
    bobWrongIn.close();
    for (RTCDataChannel ch : List.of(aMain, aWrong, bMain, bWrong)) {
      ch.close();
    }
    a.pc.close();
    b.pc.close();
  }
}
