package io.e2ee4j.api;

/**
 * Hears key changes of a {@link KeyProvider}.
 *
 * <p>Callbacks run on the thread that made the change (the caller of {@code setKey}, {@code
 * ratchetKey}, or the receive thread for an auto-ratchet), after the change is visible. Keep them
 * short and do not call back into the provider's write methods from them. A listener that throws
 * is logged and does not stop the others.
 */
public interface KeyProviderListener {

  /** A key was set from new material. */
  default void onKeySet(KeyEvent event) {}

  /** A key was ratcheted, by the application or by a receiver's auto-ratchet. */
  default void onKeyRatcheted(KeyEvent event) {}
}
