/** The {@code "gcm"} encryption type (AES-GCM), LiveKit's cipher. */
package io.e2ee4j.cipher.gcm;
