package io.e2ee4j.testing;

import com.google.gson.JsonObject;
import io.e2ee4j.api.KeyProviderOptions;

/** Reads the shapes that recur in ../shared/vectors/livekit-js/public.json. */
public final class LiveKitJsVectors {

  private LiveKitJsVectors() {}

  /**
   * A builder holding a vector's key-provider options ({@code sharedKey}, {@code ratchetSalt},
   * {@code ratchetWindowSize}, {@code failureTolerance}, {@code keyringSize}, {@code keySize}); a
   * field the vector leaves out keeps its default.
   */
  public static KeyProviderOptions.Builder keyProviderOptions(JsonObject kp) {
    KeyProviderOptions.Builder b = KeyProviderOptions.builder();
    if (kp.has("sharedKey")) {
      b.sharedKey(kp.get("sharedKey").getAsBoolean());
    }
    if (kp.has("ratchetSalt")) {
      b.ratchetSalt(kp.get("ratchetSalt").getAsString());
    }
    if (kp.has("ratchetWindowSize")) {
      b.ratchetWindowSize(kp.get("ratchetWindowSize").getAsInt());
    }
    if (kp.has("failureTolerance")) {
      b.failureTolerance(kp.get("failureTolerance").getAsInt());
    }
    if (kp.has("keyringSize")) {
      b.keyRingSize(kp.get("keyringSize").getAsInt());
    }
    if (kp.has("keySize")) {
      b.keySizeBits(kp.get("keySize").getAsInt());
    }
    return b;
  }
}
