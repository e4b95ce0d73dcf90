package io.e2ee4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.MediaKind;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the room demo's call and checks its outcome, then launches it as the README does. */
class RoomDemoTest {

  private static RoomReport report;
  private static String printed;

  @BeforeAll
  static void runTheRoom() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report = RoomDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void room_outcomeHasNoProblems() {
    assertEquals(List.of(), RoomDemo.problems(report), printed);
  }

  @Test
  void keyHolders_decryptEveryFrameOfTheOtherTwo_acrossTheRatchetAndTheNewKeyIndex() {
    for (String name : RoomDemo.KEY_HOLDERS) {
      RoomReport.Participant p = report.participant(name);
      assertEquals(90, p.sent(), name);
      assertEquals(180, p.received(), name);
      assertEquals(180, p.decrypted(), name);
      assertEquals(0, p.dropped(), name);
      assertEquals(0, p.mismatched(), name);
      assertTrue(p.receiveStates().values().stream().allMatch(s -> s == E2eeState.OK), p.receiveStates().toString());
    }
    assertTrue(report.stateChanges().stream()
        .anyMatch(l -> l.contains("carol receiving alice/mic") && l.contains("KEY_RATCHETED")), printed);
  }

  @Test
  void wrongKeyListener_decryptsNothing_andSaysWhy() {
    RoomReport.Participant dave = report.participant("dave");
    assertEquals(270, dave.received());
    assertEquals(0, dave.decrypted());
    assertEquals(270, dave.dropped());
    // A wrong key fails every ratchet step tried; steps not derived yet drop as RATCHET_PENDING.
    assertTrue(dave.droppedByReason().containsKey(FrameDropReason.AUTHENTICATION_FAILED)
        || dave.droppedByReason().containsKey(FrameDropReason.RATCHET_PENDING), dave.toString());
    assertTrue(dave.droppedByReason().containsKey(FrameDropReason.MISSING_KEY), dave.toString());
    assertTrue(report.stateChanges().stream()
        .anyMatch(l -> l.contains("dave  receiving bob/camera") && l.contains("DECRYPTION_FAILED (")),
        printed);
    assertTrue(report.stateChanges().stream()
        .anyMatch(l -> l.contains("dave  receiving carol/screen") && l.contains("MISSING_KEY (missing key at index 1")),
        printed);
  }

  @Test
  void sfu_forwardedNoPlaintext() {
    assertEquals(270, report.sfuPublished());
    assertEquals(810, report.sfuForwarded());
    assertEquals(0, report.plaintextMarkerHits());
    assertEquals(0, report.plaintextBodyHits());
    assertTrue(printed.contains("marker \"e2ee4j-plaintext:\" in 0 frames; tails of 0 of 270"), printed);
  }

  @Test
  void sfuSearch_findsPlaintextWhenAFrameCarriesIt() {
    // The check above would be worthless if the search could not find anything.
    RoomSfu sfu = new RoomSfu();
    byte[] frame = new RoomMedia(1).h264(true, "x/screen/0");
    sfu.publish(new RoomSfu.WireFrame(ParticipantId.of("x"), "screen", MediaKind.VIDEO, "video/H264", true, 1, 0, frame));
    assertEquals(1, sfu.framesContaining(RoomMedia.MARKER));
    assertEquals(1, sfu.framesContaining(java.util.Arrays.copyOfRange(frame, frame.length - 24, frame.length)));
  }

  @Test
  void media_framesCarryTheirCodecHeaders() {
    RoomMedia media = new RoomMedia(7);
    assertEquals(0x78, media.opus("a")[0] & 0xff);
    byte[] vp8Key = media.vp8(true, "a");
    assertEquals(0, vp8Key[0] & 1, "key frame: inter flag clear");
    assertEquals("9d012a", java.util.HexFormat.of().formatHex(vp8Key, 3, 6));
    assertEquals(1, media.vp8(false, "a")[0] & 1, "delta frame: inter flag set");
    byte[] idr = media.h264(true, "a");
    assertEquals("0000000167", java.util.HexFormat.of().formatHex(idr, 0, 5));
    assertTrue(RoomSfu.indexOf(idr, new byte[] {0, 0, 0, 1, 0x68}) > 0, "PPS");
    assertTrue(RoomSfu.indexOf(idr, new byte[] {0, 0, 0, 1, 0x65}) > 0, "IDR slice");
    assertEquals("0000000141", java.util.HexFormat.of().formatHex(media.h264(false, "a"), 0, 5));
  }

  /**
   * The README's way: {@code java -p ... -m io.e2ee4j.examples/...RoomDemo}. On the module path the
   * frame format is found only if the modules' {@code uses}/{@code provides} are right.
   */
  @Test
  void demo_onTheModulePath_endsByItselfWithTheExpectedOutcome() throws Exception {
    Path listed = Path.of("target", "runtime-module-path.txt");
    assertTrue(Files.exists(listed), "run through Maven: " + listed + " is written by maven-dependency-plugin");
    String modulePath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(listed).trim();
    Path log = Files.createTempFile("room-demo", ".log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dguice_custom_class_loading=CHILD", "--module-path", modulePath,
        "--module", "io.e2ee4j.examples/io.e2ee4j.examples.RoomDemo")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // A guard against a hung child, not a timing assertion.
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "demo did not end");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("frame format livekit"), output);
    assertTrue(output.contains("alice's manager comes from Guice"), output);
    assertTrue(output.contains("Outcome as expected"), output);
    Files.deleteIfExists(log);
  }

  @Test
  void managers_fromGuiceAndFromTheBuilder_areAlike() {
    io.e2ee4j.api.KeyProviderOptions options = io.e2ee4j.api.KeyProviderOptions.builder().sharedKey(true).build();
    try (io.e2ee4j.core.E2eeManager guiced = RoomDemo.managerFor("alice", options);
        io.e2ee4j.core.E2eeManager built = RoomDemo.managerFor("bob", options)) {
      assertEquals(built.toString(), guiced.toString());
      assertEquals(built.options(), guiced.options());
      assertEquals(options, guiced.keyProvider().options());
      assertEquals(built.keyProvider().getClass(), guiced.keyProvider().getClass());
      assertEquals(built.encryptionTypes().ids(), guiced.encryptionTypes().ids());
      assertEquals(built.frameFormatIds(), guiced.frameFormatIds());
      assertEquals(built.dataFormatIds(), guiced.dataFormatIds());
      assertTrue(guiced.ownsKeyProvider() && built.ownsKeyProvider());
    }
  }

  @Test
  void report_participantLookup_unknownNameFails() {
    assertEquals(Map.of(), new RoomReport.Participant("x", 0, 0, 0, 0, 0, Map.of(), Map.of()).droppedByReason());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> report.participant("eve"));
  }
}
