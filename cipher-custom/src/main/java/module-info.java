/** Placeholder: filled in by its issue. */
module io.e2ee4j.cipher.custom {
  requires io.e2ee4j.api;

}
