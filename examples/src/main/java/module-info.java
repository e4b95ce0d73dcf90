/**
 * Runnable programs a newcomer starts from. Not deployed.
 *
 * <p>{@code uses} lets the demos discover encryption types themselves on the module path.
 */
module io.e2ee4j.examples {
  requires io.e2ee4j.api;
  requires io.e2ee4j.core;
  // RoomDemo makes one participant's manager with Guice (E2eeModule); this resolves Guice.
  requires com.google.guice;
  // RoomDemo quiets the library's log lines (System.Logger's default backend) unless --log is given.
  requires java.logging;

  uses io.e2ee4j.api.spi.EncryptionType;
}
