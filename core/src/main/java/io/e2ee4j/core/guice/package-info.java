/**
 * Guice wiring for {@link io.e2ee4j.core.E2eeManager}: {@link io.e2ee4j.core.guice.E2eeModule}.
 *
 * <p>Optional: this package needs {@code com.google.guice} (and {@code jakarta.inject}) at run
 * time; the rest of {@code io.e2ee4j.core} does not. It is opened to Guice in {@code
 * module-info.java}, which Guice's reflective calls of the {@code @Provides} methods need on the
 * module path.
 */
package io.e2ee4j.core.guice;
