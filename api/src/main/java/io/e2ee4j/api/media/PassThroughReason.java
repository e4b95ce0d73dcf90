package io.e2ee4j.api.media;

/** Why a cryptor forwarded a frame without encrypting or decrypting it. */
public enum PassThroughReason {
  /** The frame is empty (for example Opus DTX); empty frames are never encrypted, in every SDK. */
  EMPTY_FRAME,
  /** The sending cryptor is disabled: the application turned encryption off for this track. */
  DISABLED,
  /**
   * A disabled receiving cryptor under {@link UnencryptedFramePolicy#ACCEPT}: the sender's track is
   * not encrypted.
   */
  UNENCRYPTED_ACCEPTED,
  /** A server-injected blank frame: the SIF trailer was stripped and the known blank payload forwarded. */
  SERVER_INJECTED_FRAME
}
