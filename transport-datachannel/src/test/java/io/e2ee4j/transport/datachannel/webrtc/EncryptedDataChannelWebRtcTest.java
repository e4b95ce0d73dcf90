package io.e2ee4j.transport.datachannel.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import io.e2ee4j.testing.Skip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Encrypted DataPackets over a real WebRTC data channel (webrtc-java / libwebrtc, SCTP over DTLS
 * over ICE): 1,000 messages of 1 B to 60 KiB each way, a peer with a wrong key, an over-size
 * message, and a tap on the wire side of both adapters.
 *
 * <p>libwebrtc ignores loopback interfaces, so the peers run in a child JVM ({@link PeerPairMain})
 * inside a network namespace this test creates (with a veth pair for an address) and removes
 * afterwards. It needs root and {@code ip} (iproute2); without them it is skipped with a message
 * saying so. webrtc-java's native library needs {@code libpulse.so.0} (Debian {@code libpulse0}).
 */
class EncryptedDataChannelWebRtcTest {

  private static final int MESSAGES_EACH_WAY = 1000;
  private static final long CHILD_SECONDS = 60;

  private static String ipCommandOrNull() {
    for (String candidate : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
      if (Files.isExecutable(Paths.get(candidate))) {
        return candidate;
      }
    }
    return null;
  }

  private static Run run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private record Run(int exit, String output) {}

  /** Everything this JVM was started with (module path and class path) plus the test classes. */
  private static String childClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    Path testClasses = Paths.get(System.getProperty("basedir", ".")).resolve("target/test-classes");
    entries.add(testClasses.toAbsolutePath().toString());
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null) {
        for (String e : value.split(File.pathSeparator)) {
          if (!e.isBlank()) {
            entries.add(e);
          }
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @Test
  @Timeout(value = 110, unit = TimeUnit.SECONDS)
  void thousandMessagesEachWay_arriveDecryptedIntactInOrder_wrongKeyDeliversNone_wireShowsNoPlaintext()
      throws Exception {
    String ip = ipCommandOrNull();
    Skip.unless(ip != null, "no `ip` command (iproute2) to create a network namespace");
    Run uid = run(10, "id", "-u");
    Skip.unless(uid.exit() == 0 && uid.output().trim().equals("0"),
        "creating a network namespace needs root (uid is " + uid.output().trim() + ")");

    String ns = "e2ee4j-dc-" + ProcessHandle.current().pid();
    run(10, ip, "netns", "delete", ns); // a leftover of an earlier, killed run of this same JVM id
    Run add = run(10, ip, "netns", "add", ns);
    Skip.unless(add.exit() == 0, "cannot create a network namespace here: " + add.output().trim());
    Map<String, String> results = new TreeMap<>();
    List<String> childErrors = new ArrayList<>();
    StringBuilder log = new StringBuilder();
    try {
      for (String[] step : new String[][] {
          {ip, "-n", ns, "link", "set", "lo", "up"},
          {ip, "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1"},
          {ip, "-n", ns, "addr", "add", "10.77.0.1/24", "dev", "v0"},
          {ip, "-n", ns, "link", "set", "v0", "up"},
          {ip, "-n", ns, "link", "set", "v1", "up"}}) {
        Run r = run(10, step);
        assertEquals(0, r.exit(), "namespace setup failed: " + String.join(" ", step) + ": " + r.output());
      }
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(ip, "netns", "exec", ns, java, "-Xmx512m"));
      if (Runtime.version().feature() >= 24) {
        command.add("--enable-native-access=ALL-UNNAMED");
      }
      command.addAll(List.of("-cp", childClassPath(), PeerPairMain.class.getName(),
          Integer.toString(MESSAGES_EACH_WAY), Long.toString(CHILD_SECONDS)));
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      Thread reader = new Thread(() -> {
        try (var in = child.getInputStream()) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            synchronized (log) {
              log.append(line).append('\n');
            }
          }
        } catch (IOException e) {
          synchronized (log) {
            log.append("reading the child's output failed: ").append(e).append('\n');
          }
        }
      }, "child-output");
      reader.start();
      if (!child.waitFor(CHILD_SECONDS + 20, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        reader.join(5000);
        fail("the peer JVM did not finish in time; its output:\n" + log);
      }
      reader.join(5000);
      synchronized (log) {
        for (String line : log.toString().split("\n")) {
          if (line.startsWith("RESULT ")) {
            String kv = line.substring(7);
            int eq = kv.indexOf('=');
            results.put(kv.substring(0, eq), kv.substring(eq + 1));
          } else if (line.startsWith("ERROR ")) {
            childErrors.add(line.substring(6));
          }
        }
      }
      assertEquals(0, child.exitValue(), "the peer JVM failed; its output:\n" + log);
    } finally {
      Run del = run(10, ip, "netns", "delete", ns);
      if (del.exit() != 0) {
        System.err.println("could not remove network namespace " + ns + ": " + del.output());
      }
    }
    assertTrue(run(10, ip, "netns", "list").output().lines().noneMatch(l -> l.startsWith(ns + " ") || l.equals(ns)),
        "namespace " + ns + " was not removed");

    System.out.println("[webrtc data channel] " + results);
    String n = Integer.toString(MESSAGES_EACH_WAY);
    assertEquals(List.of(), childErrors, "errors in the peer JVM:\n" + log);
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("a2b.sent", n), Map.entry("a2b.delivered", n), Map.entry("a2b.intactInOrder", n),
        Map.entry("a2b.failures", "0"),
        Map.entry("b2a.sent", n), Map.entry("b2a.delivered", n), Map.entry("b2a.intactInOrder", n),
        Map.entry("b2a.failures", "0"),
        Map.entry("size.min", "1"), Map.entry("size.max", Integer.toString(60 * 1024)),
        Map.entry("wire.messages", Integer.toString(2 * MESSAGES_EACH_WAY)),
        Map.entry("wire.notEncrypted", "0"), Map.entry("wire.plaintextFound", "0"),
        Map.entry("wrongkey.delivered", "0"),
        Map.entry("wrongkey.failures", Integer.toString(PeerPairMain.WRONG_KEY_MESSAGES)),
        Map.entry("wrongkey.failuresNamingAliceWithoutBytes", Integer.toString(PeerPairMain.WRONG_KEY_MESSAGES)),
        // Data packets never count against the key's failure tolerance: every one is tried and fails.
        Map.entry("wrongkey.reasons", "{AUTHENTICATION_FAILED=" + PeerPairMain.WRONG_KEY_MESSAGES + "}"),
        Map.entry("oversize.refusal", "MESSAGE_TOO_LARGE")));
    Map<String, String> actual = new TreeMap<>();
    for (String key : expected.keySet()) {
      actual.put(key, results.get(key));
    }
    assertEquals(expected, actual, "peer JVM output:\n" + log);
    assertTrue(Integer.parseInt(results.get("wire.plaintextChecked")) > MESSAGES_EACH_WAY,
        "too few messages long enough to check the wire for plaintext: " + results.get("wire.plaintextChecked"));
  }
}
