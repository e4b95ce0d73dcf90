package io.e2ee4j.cli;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.media.FrameDropReason;

/**
 * The REASON word of {@code DROPPED <REASON> <detail>}: the E2EE state the library reports
 * (MISSING_KEY, DECRYPTION_FAILED, ENCRYPTION_FAILED); where that state is the catch-all
 * INTERNAL_ERROR, or the reason changes no state, the library's own drop reason
 * (UNSUPPORTED_CODEC, PLAINTEXT_NOT_ALLOWED, ...). The detail always names the drop reason.
 */
final class Drops {

  private Drops() {}

  static String word(E2eeState state, String reasonName) {
    if (state == E2eeState.MISSING_KEY || state == E2eeState.DECRYPTION_FAILED
        || state == E2eeState.ENCRYPTION_FAILED) {
      return state.name();
    }
    return reasonName;
  }

  /** The outcome for a frame the library dropped, with {@code describe} its words for it. */
  static Outcome frame(FrameDropReason reason, String describe) {
    String word = word(reason.stateOrNull(), reason.name());
    return Outcome.dropped(word, describe + (word.equals(reason.name()) ? "" : " (" + reason.name() + ")"));
  }

  /** The outcome for a data packet the library refused. */
  static Outcome data(DataFailureReason reason, String describe) {
    String word = word(reason.stateOrNull(), reason.name());
    return Outcome.dropped(word, describe + (word.equals(reason.name()) ? "" : " (" + reason.name() + ")"));
  }
}
