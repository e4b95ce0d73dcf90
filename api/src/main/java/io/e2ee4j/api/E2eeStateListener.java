package io.e2ee4j.api;

/**
 * Hears encryption-state changes. Called only when a cryptor's state in one direction changes,
 * never once per failing frame, on the thread that processed the frame causing the change; keep
 * it short and never block.
 */
@FunctionalInterface
public interface E2eeStateListener {

  /** The state of one participant's track in one direction changed. */
  void onStateChanged(E2eeStateEvent event);
}
