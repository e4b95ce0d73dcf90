package io.e2ee4j.interop;

import com.google.gson.JsonObject;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/** DataPacket values of every case LiveKit encrypts (spec section 5.2), with random contents. */
final class DataCases {

  /** The value cases LiveKit encrypts, as @livekit/protocol names them. */
  static final List<String> ENCRYPTED = List.of(
      "user", "chatMessage", "rpcRequest", "rpcAck", "rpcResponse", "streamHeader", "streamChunk", "streamTrailer");

  private DataCases() {}

  /** A random value of {@code valueCase} for the harness's buildPacket. */
  static JsonObject value(String valueCase, SplittableRandom r) {
    JsonObject v = new JsonObject();
    switch (valueCase) {
      case "user" -> {
        v.addProperty("payloadHex", HexFormat.of().formatHex(FrameCase.payload(r, 0, 300)));
        v.addProperty("topic", "topic-" + r.nextInt(1000));
      }
      case "chatMessage" -> {
        v.addProperty("id", "msg-" + r.nextInt(1_000_000));
        v.addProperty("timestamp", 1_700_000_000_000L + r.nextInt(1_000_000));
        v.addProperty("message", text(r));
      }
      case "rpcRequest" -> {
        v.addProperty("id", "rpc-" + r.nextInt(1_000_000));
        v.addProperty("method", "method" + r.nextInt(100));
        v.addProperty("payload", text(r));
        v.addProperty("responseTimeoutMs", 1000 + r.nextInt(10_000));
        v.addProperty("version", 1);
      }
      case "rpcAck" -> v.addProperty("requestId", "rpc-" + r.nextInt(1_000_000));
      case "rpcResponse" -> {
        v.addProperty("requestId", "rpc-" + r.nextInt(1_000_000));
        v.addProperty("payload", text(r));
      }
      case "streamHeader" -> {
        v.addProperty("streamId", "stream-" + r.nextInt(1_000_000));
        v.addProperty("timestamp", 1_700_000_000_000L + r.nextInt(1_000_000));
        v.addProperty("topic", "files");
        v.addProperty("mimeType", "text/plain");
        v.addProperty("totalLength", r.nextInt(100_000));
      }
      case "streamChunk" -> {
        v.addProperty("streamId", "stream-" + r.nextInt(1_000_000));
        v.addProperty("chunkIndex", r.nextInt(50));
        v.addProperty("contentHex", HexFormat.of().formatHex(FrameCase.payload(r, 1, 500)));
      }
      case "streamTrailer" -> {
        v.addProperty("streamId", "stream-" + r.nextInt(1_000_000));
        v.addProperty("reason", "done");
      }
      default -> throw new IllegalArgumentException(valueCase);
    }
    return v;
  }

  private static String text(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(80);
    for (int i = 0; i < n; i++) {
      b.append((char) (r.nextInt(8) == 0 ? 0x4e00 + r.nextInt(200) : 'a' + r.nextInt(26)));
    }
    return b.toString();
  }
}
