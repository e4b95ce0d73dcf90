/** Placeholder: filled in by its issue. */
module io.e2ee4j.examples {
  requires io.e2ee4j.api;

}
