/**
 * Data-channel messages: the {@link io.e2ee4j.api.data.DataPacketCryptor} contract that encrypts
 * and decrypts LiveKit {@code DataPacket}s (spec section 5), its {@link
 * io.e2ee4j.api.data.DataPacketResult results} and {@link io.e2ee4j.api.data.DataFailureReason
 * failure reasons}, the {@link io.e2ee4j.api.data.DataValueCase value cases} of a DataPacket, and
 * the {@link io.e2ee4j.api.data.DataPacketCryptorFactory} service that data-format modules (such
 * as {@code io.e2ee4j.transport.datachannel}) provide.
 *
 * <p>Packets cross this contract as protobuf wire bytes, so this package needs no protobuf library.
 */
package io.e2ee4j.api.data;
