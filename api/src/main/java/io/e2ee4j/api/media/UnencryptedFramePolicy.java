package io.e2ee4j.api.media;

/**
 * What a receiving (decrypting) cryptor does with frames while it is disabled, that is while the
 * application says the sender's track is not encrypted (LiveKit's {@code TrackInfo.encryption ==
 * NONE}) or has not said yet.
 *
 * <p>An enabled receiving cryptor always treats frames as encrypted: a plaintext frame then fails
 * to parse or to authenticate and is dropped. There is never a silent fallback to plaintext.
 */
public enum UnencryptedFramePolicy {
  /**
   * The default: drop such frames with {@link FrameDropReason#PLAINTEXT_NOT_ALLOWED} and report
   * {@link io.e2ee4j.api.E2eeState#INTERNAL_ERROR} once ("plaintext where encryption is required").
   */
  REFUSE_AND_REPORT,
  /** Pass such frames through unchanged, as LiveKit does for a publisher without encryption. */
  ACCEPT
}
