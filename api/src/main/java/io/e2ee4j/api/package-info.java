/**
 * Keys, options, states and value types shared by every e2ee4j module.
 *
 * <p>Naming follows LiveKit's (key provider, key index, ratchet, failure tolerance, SIF trailer)
 * so that a LiveKit user recognises each option.
 */
package io.e2ee4j.api;
