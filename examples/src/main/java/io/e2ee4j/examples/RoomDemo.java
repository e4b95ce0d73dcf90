package io.e2ee4j.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.guice.E2eeModule;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An end-to-end encrypted room on one machine. Alice, Bob and Carol share a passphrase; Dave
 * joined with a stale one and only listens. Each of the three publishes a microphone (Opus), a
 * camera (VP8) and a screen share (H.264) through an in-process SFU that forwards what the wire
 * carries and holds no key. Every participant has its own {@link E2eeManager}, as separate
 * processes would, and encrypts and decrypts in LiveKit's frame format. Alice's manager is made
 * by Guice ({@link E2eeModule}), the others' by {@link E2eeManager#builder()}.
 *
 * <p>The call runs 30 rounds (one frame per track per round):
 *
 * <ol>
 *   <li>rounds 0-9: everybody on the shared key at index 0;
 *   <li>round 10: the key is ratcheted; Alice and Bob ratchet first, Carol's ratchet arrives late,
 *       so her receivers find the new key by auto-ratchet ({@code KEY_RATCHETED});
 *   <li>round 20: a new key is set at index 1, and the senders move to it.
 * </ol>
 *
 * <p>Dave decrypts nothing: first {@code DECRYPTION_FAILED}, then {@code MISSING_KEY} at index 1.
 * At the end the demo prints each participant's counts and states, and searches every byte the
 * SFU forwarded for the plaintext bodies. It exits with status 0 when the room behaved as above.
 *
 * <p>Key derivation is LiveKit's default for passphrases (PBKDF2, 100,000 iterations), so each
 * key set or ratchet costs some tens of milliseconds; the run takes a few seconds.
 */
public final class RoomDemo {

  static final int ROUNDS = 30;
  static final int RATCHET_ROUND = 10;
  static final int NEW_KEY_ROUND = 20;
  static final List<String> KEY_HOLDERS = List.of("alice", "bob", "carol");
  static final String LISTENER = "dave";

  /** Held so the logging configuration of main is not garbage-collected with its logger. */
  private static java.util.logging.Logger quietLogger;

  private RoomDemo() {}

  /**
   * Runs the room and prints it; exits with 1 if the outcome is not the expected one. The state
   * changes are printed by the demo's own listeners; the managers' log lines (System.Logger, to
   * java.util.logging by default) say the same and are switched off unless {@code --log} is given.
   */
  public static void main(String[] args) {
    if (!List.of(args).contains("--log")) {
      quietLogger = java.util.logging.Logger.getLogger("io.e2ee4j");
      quietLogger.setLevel(java.util.logging.Level.SEVERE);
    }
    RoomReport report = run(System.out);
    List<String> problems = problems(report);
    if (problems.isEmpty()) {
      System.out.println("Outcome as expected: every frame between key holders decrypted, Dave decrypted none,"
          + " the SFU never saw plaintext.");
    } else {
      System.out.println("UNEXPECTED OUTCOME:");
      problems.forEach(p -> System.out.println("  - " + p));
      System.exit(1);
    }
  }

  /** Runs the whole call, printing as it goes, and returns its outcome. */
  static RoomReport run(PrintStream out) {
    KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(true).build();
    RoomSfu sfu = new RoomSfu();
    Map<String, byte[]> ledger = new HashMap<>();
    List<String> stateChanges = new ArrayList<>();
    java.util.function.Consumer<String> log = line -> {
      stateChanges.add(line);
      out.println(line);
    };

    out.println("e2ee4j room demo: alice, bob and carol share a passphrase, dave holds a stale one and listens.");
    out.println("An in-process SFU forwards every frame as the wire carries it; it holds no key.");
    List<RoomParticipant> room = new ArrayList<>();
    try {
      for (String name : KEY_HOLDERS) {
        room.add(new RoomParticipant(name, managerFor(name, options), sfu, ledger, log));
      }
      RoomParticipant dave = new RoomParticipant(LISTENER, managerFor(LISTENER, options), sfu, ledger, log);
      room.add(dave);
      RoomParticipant alice = room.get(0);
      RoomParticipant bob = room.get(1);
      RoomParticipant carol = room.get(2);
      out.println("frame format " + alice.manager().frameFormatId().orElse("none") + ", cipher "
          + alice.manager().frameEncryptionType().description() + ", shared key, PBKDF2 from a passphrase;"
          + " alice's manager comes from Guice (E2eeModule), the others' from E2eeManager.builder()");

      setSharedKey(room.subList(0, 3), 0, "correct horse battery staple");
      setSharedKey(List.of(dave), 0, "last week's passphrase");

      out.println("round  0: everybody on key index 0; each key holder sends Opus, VP8 and H.264 frames");
      for (int round = 0; round < ROUNDS; round++) {
        if (round == RATCHET_ROUND) {
          out.println("round " + round + ": alice and bob ratchet the shared key; carol's ratchet arrives late");
          alice.keys().ratchetSharedKey(0);
          bob.keys().ratchetSharedKey(0);
        }
        if (round == NEW_KEY_ROUND) {
          out.println("round " + round + ": the key holders move to a new key at index 1");
          setSharedKey(room.subList(0, 3), 1, "a new passphrase for the second half");
        }
        alice.send(round);
        bob.send(round);
        if (round == RATCHET_ROUND) {
          carol.keys().ratchetSharedKey(0); // after her receivers met the ratcheted frames
        }
        carol.send(round);
      }

      List<RoomReport.Participant> summaries = new ArrayList<>();
      for (RoomParticipant p : room) {
        summaries.add(p.summary());
      }
      int markerHits = sfu.framesContaining(RoomMedia.MARKER);
      int bodyHits = 0;
      for (byte[] plain : ledger.values()) {
        if (sfu.framesContaining(Arrays.copyOfRange(plain, plain.length - 24, plain.length)) > 0) {
          bodyHits++;
        }
      }
      RoomReport report = new RoomReport(List.copyOf(summaries), List.copyOf(stateChanges), sfu.publishedFrames(),
          sfu.forwardedFrames(), sfu.forwardedBytes(), markerHits, bodyHits);
      print(report, ledger.size(), out);
      return report;
    } finally {
      room.forEach(RoomParticipant::close);
    }
  }

  /**
   * Each participant's manager: Alice's through Guice, the others' through the plain builder. Both
   * give the same object graph (the installed encryption types and frame format, a key provider the
   * manager owns), so the room cannot tell them apart.
   */
  static E2eeManager managerFor(String name, KeyProviderOptions options) {
    if (name.equals("alice")) {
      Injector injector = Guice.createInjector(new E2eeModule(),
          binder -> E2eeModule.keyProviderOptions(binder).toInstance(options));
      return injector.getInstance(E2eeManager.class);
    }
    return E2eeManager.builder().keyProviderOptions(options).build();
  }

  private static void setSharedKey(List<RoomParticipant> who, int keyIndex, String passphrase) {
    for (RoomParticipant p : who) {
      KeyMaterial material = KeyMaterial.fromPassphrase(passphrase);
      p.keys().setSharedKey(keyIndex, material);
      material.destroy();
    }
  }

  private static void print(RoomReport report, int plaintexts, PrintStream out) {
    out.println();
    out.printf("%-6s %5s %9s %10s %8s  %s%n", "", "sent", "received", "decrypted", "dropped", "why dropped");
    for (RoomReport.Participant p : report.participants()) {
      StringJoiner why = new StringJoiner(", ");
      for (FrameDropReason r : FrameDropReason.values()) {
        Long n = p.droppedByReason().get(r);
        if (n != null) {
          why.add(r.description() + " " + n);
        }
      }
      out.printf("%-6s %5d %9d %10d %8d  %s%s%n", p.name(), p.sent(), p.received(), p.decrypted(), p.dropped(),
          why, p.mismatched() > 0 ? "  WRONG BYTES " + p.mismatched() : "");
    }
    out.println();
    out.println("receive states at the end of the call (the reasons are in the state lines above):");
    for (RoomReport.Participant p : report.participants()) {
      Map<E2eeState, List<String>> byState = new EnumMap<>(E2eeState.class);
      p.receiveStates().forEach((track, state) -> byState.computeIfAbsent(state, s -> new ArrayList<>()).add(track));
      StringJoiner states = new StringJoiner("; ");
      byState.forEach((state, tracks) -> states.add(state + " on " + String.join(", ", tracks)));
      out.println("  " + p.name() + ": " + states);
    }
    out.println();
    out.println("SFU: " + report.sfuPublished() + " frames published, " + report.sfuForwarded() + " forwarded ("
        + report.sfuForwardedBytes() + " bytes).");
    out.println("Plaintext in forwarded bytes: marker \"" + RoomMedia.MARKER + "\" in " + report.plaintextMarkerHits()
        + " frames; tails of " + report.plaintextBodyHits() + " of " + plaintexts + " plaintext bodies found."
        + " Only the codec headers LiveKit keeps clear crossed the SFU unencrypted.");
  }

  /** What differs from the expected outcome; empty if nothing. */
  static List<String> problems(RoomReport report) {
    List<String> problems = new ArrayList<>();
    int senders = KEY_HOLDERS.size();
    long framesPerSender = (long) ROUNDS * RoomParticipant.Track.values().length;
    for (String name : KEY_HOLDERS) {
      RoomReport.Participant p = report.participant(name);
      long expected = framesPerSender * (senders - 1);
      if (p.sent() != framesPerSender) {
        problems.add(name + " sent " + p.sent() + " frames, expected " + framesPerSender);
      }
      if (p.received() != expected || p.decrypted() != expected || p.dropped() != 0 || p.mismatched() != 0) {
        problems.add(name + " decrypted " + p.decrypted() + " of " + p.received() + " frames (expected " + expected
            + "), dropped " + p.dropped() + ", wrong bytes " + p.mismatched());
      }
    }
    RoomReport.Participant dave = report.participant(LISTENER);
    if (dave.received() != framesPerSender * senders || dave.decrypted() != 0 || dave.dropped() != dave.received()) {
      problems.add("dave decrypted " + dave.decrypted() + " and dropped " + dave.dropped() + " of " + dave.received());
    }
    if (report.stateChanges().stream().noneMatch(l -> l.contains(LISTENER) && l.contains("DECRYPTION_FAILED"))) {
      problems.add("dave never reported DECRYPTION_FAILED");
    }
    if (report.stateChanges().stream().noneMatch(l -> l.contains(LISTENER) && l.contains("MISSING_KEY"))) {
      problems.add("dave never reported MISSING_KEY");
    }
    if (report.stateChanges().stream().noneMatch(l -> l.contains("carol") && l.contains("KEY_RATCHETED"))) {
      problems.add("carol's late ratchet was not bridged by an auto-ratchet (no KEY_RATCHETED)");
    }
    if (report.plaintextMarkerHits() != 0 || report.plaintextBodyHits() != 0) {
      problems.add("the SFU saw plaintext: " + report.plaintextMarkerHits() + " marker hits, "
          + report.plaintextBodyHits() + " body hits");
    }
    return problems;
  }
}
