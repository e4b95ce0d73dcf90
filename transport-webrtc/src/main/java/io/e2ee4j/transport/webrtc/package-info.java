/** io.e2ee4j.transport.webrtc (work in progress). */
package io.e2ee4j.transport.webrtc;
