/** io.e2ee4j.examples (work in progress). */
package io.e2ee4j.examples;
