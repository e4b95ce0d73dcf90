package io.e2ee4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/architecture.md, read from the compiled modules of this build: api
 * depends on nothing, plugins depend on api only, core names no plugin class, internal packages
 * are never exported, and every {@code provides} has its {@code META-INF/services} twin.
 */
class ModuleRulesTest {

  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final List<String> PLUGINS =
      List.of("cipher-gcm", "cipher-custom", "transport-webrtc", "transport-datachannel");

  private static ModuleDescriptor descriptor(String folder) throws IOException {
    Path file = ROOT.resolve(folder).resolve("target/classes/module-info.class");
    assertTrue(Files.exists(file), file + " is missing: build the whole reactor (mvn verify) first");
    try (InputStream in = Files.newInputStream(file)) {
      return ModuleDescriptor.read(in);
    }
  }

  private static Set<String> e2ee4jRequires(ModuleDescriptor d) {
    return d.requires().stream().map(ModuleDescriptor.Requires::name).filter(n -> n.startsWith("io.e2ee4j."))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void api_requiresNothingButJavaBase() throws IOException {
    ModuleDescriptor api = descriptor("api");
    assertEquals(Set.of("java.base"),
        api.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
  }

  @Test
  void plugins_requireApiOnly_amongProjectModules() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String plugin : PLUGINS) {
      Set<String> requires = e2ee4jRequires(descriptor(plugin));
      if (!requires.equals(Set.of("io.e2ee4j.api"))) {
        problems.add(plugin + " requires " + requires);
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void core_namesNoPluginClass() throws IOException {
    List<String> problems = new ArrayList<>();
    Path classes = ROOT.resolve("core/target/classes");
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
        String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String plugin : List.of("io/e2ee4j/cipher/", "io/e2ee4j/transport/", "io.e2ee4j.cipher.",
            "io.e2ee4j.transport.")) {
          if (constants.contains(plugin)) {
            problems.add(classes.relativize(file) + " mentions " + plugin);
          }
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(e2ee4jRequires(descriptor("core")).equals(Set.of("io.e2ee4j.api")),
        "core requires " + e2ee4jRequires(descriptor("core")));
  }

  @Test
  void internalPackages_areNeverExported_andProvidersAreRegisteredTwice() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String folder : Stream.concat(Stream.of("api", "core"), PLUGINS.stream()).collect(Collectors.toList())) {
      ModuleDescriptor d = descriptor(folder);
      for (ModuleDescriptor.Exports e : d.exports()) {
        if (e.source().contains(".internal")) {
          problems.add(folder + " exports " + e.source());
        }
      }
      for (ModuleDescriptor.Provides p : d.provides()) {
        Path services = ROOT.resolve(folder).resolve("target/classes/META-INF/services").resolve(p.service());
        Set<String> listed = new TreeSet<>();
        if (Files.exists(services)) {
          for (String line : Files.readAllLines(services)) {
            String entry = line.replaceAll("#.*", "").trim();
            if (!entry.isEmpty()) {
              listed.add(entry);
            }
          }
        }
        if (!listed.equals(new TreeSet<>(p.providers()))) {
          problems.add(folder + ": module-info provides " + p.service() + " with " + p.providers()
              + " but META-INF/services lists " + listed);
        }
      }
    }
    assertEquals(List.of(), problems);
  }
}
