/**
 * LiveKit's data-packet encryption ({@link io.e2ee4j.transport.datachannel.LiveKitDataPacketCryptor})
 * and helpers to build and read DataPackets without a protobuf dependency of your own ({@link
 * io.e2ee4j.transport.datachannel.DataPackets}).
 */
package io.e2ee4j.transport.datachannel;
