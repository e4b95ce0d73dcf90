package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factory is registered twice (module-info and META-INF/services); the transformer adapter routes frames. */
class RegistrationAndTransformerTest {

  @Test
  void theFactoryIsProvidedInModuleInfoAndInMetaInfServices() throws IOException {
    String service = FrameCryptorFactory.class.getName();
    String impl = LiveKitFrameCryptorFactory.class.getName();
    Module module = LiveKitFrameCryptorFactory.class.getModule();
    if (module.isNamed()) {
      boolean provided = false;
      for (ModuleDescriptor.Provides p : module.getDescriptor().provides()) {
        provided |= p.service().equals(service) && p.providers().contains(impl);
      }
      assertTrue(provided, "module-info does not provide " + service + " with " + impl);
    }
    String path = "META-INF/services/" + service;
    try (InputStream in = module.isNamed() ? module.getResourceAsStream(path)
        : LiveKitFrameCryptorFactory.class.getClassLoader().getResourceAsStream(path)) {
      assertTrue(in != null, path + " missing");
      assertEquals(impl, new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    }
    assertEquals("livekit", new LiveKitFrameCryptorFactory().id());
  }

  @Test
  void transformerHandsForwardedFramesToTheSinkOfTheirSsrcAndDropsTheRest() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "transformer");
    CryptorFrameTransformer send = new CryptorFrameTransformer(rig.sender());
    CryptorFrameTransformer receive = new CryptorFrameTransformer(rig.receiver());
    List<EncodedFrame> wire = new ArrayList<>();
    List<EncodedFrame> decoded = new ArrayList<>();
    List<EncodedFrame> other = new ArrayList<>();
    send.registerSink(wire::add);
    receive.registerSink(decoded::add);
    receive.registerSink(99, other::add);

    byte[] p = Rig.random(1, 50);
    send.transform(Rig.audio(p));
    assertEquals(1, wire.size());
    receive.transform(wire.get(0));
    assertEquals(1, decoded.size());
    byte[] got = new byte[decoded.get(0).length()];
    decoded.get(0).payload().get(got);
    assertArrayEquals(p, got);

    receive.transform(Rig.audio(Rig.random(2, 50)));           // not encrypted: dropped
    assertEquals(1, decoded.size());
    assertEquals(1, receive.framesDropped());

    EncodedFrame ssrc99 = EncodedFrame.audio(wire.get(0).payload().rewind(), "audio/opus", 99, 1, Rig.ALICE);
    receive.transform(ssrc99);
    assertEquals(1, other.size(), "routed to the SSRC's own sink");

    receive.unregisterSink();
    receive.unregisterSink(99);
    receive.transform(wire.get(0));
    assertEquals(1, receive.framesWithoutSink());
    assertEquals(2, receive.framesForwarded());
  }
}
