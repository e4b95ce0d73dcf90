package io.e2ee4j.cli;

import io.e2ee4j.core.EncryptionTypeCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the e2ee4j version, the Java runtime and the installed encryption types. */
final class Version implements IVersionProvider {

  /** The version this jar was built as, or "unknown". */
  static String number() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    String types = EncryptionTypeCatalog.loadInstalled().types().stream()
        .map(t -> t.id() + " (" + t.description() + ")")
        .collect(Collectors.joining(", "));
    return new String[] {
      "e2ee4j " + number(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
      "encryption types: " + (types.isEmpty() ? "none" : types)
    };
  }
}
