/**
 * The e2ee4j command line. {@link io.e2ee4j.cli.Main} is the jar's entry point; {@link
 * io.e2ee4j.cli.Cli#run} runs one command line (or a batch from standard input) on given streams
 * and returns the exit code. Frames and packets go through the same public cryptors an
 * application uses (transport-webrtc's {@code LiveKitFrameCryptorFactory}, transport-datachannel's
 * {@code LiveKitDataPacketCryptor}) with keys in a {@link io.e2ee4j.core.DefaultKeyProvider}.
 */
package io.e2ee4j.cli;
