/** io.e2ee4j.cipher.custom (work in progress). */
package io.e2ee4j.cipher.custom;
