/** io.e2ee4j.transport.datachannel (work in progress). */
package io.e2ee4j.transport.datachannel;
