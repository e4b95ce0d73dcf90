package io.e2ee4j.cli;

import java.util.List;
import java.util.Objects;

/**
 * What one command produced: result lines for standard output, or a drop (a frame or packet that
 * was dropped or did not decrypt) with its reason; plus notes for standard error. Usage errors are
 * not outcomes: they are thrown as {@link UsageException}.
 *
 * @param lines the result, one or more lines (a description may have several); may be empty for a
 *     drop
 * @param dropReason null for success, else the reason word printed after {@code DROPPED}
 * @param dropDetail words after the reason, for a drop
 * @param notes remarks for standard error, such as "SIF blank frame passed through"
 */
record Outcome(List<String> lines, String dropReason, String dropDetail, List<String> notes) {

  Outcome {
    lines = List.copyOf(lines);
    notes = List.copyOf(notes);
  }

  /** A one-line result. */
  static Outcome ok(String result) {
    return new Outcome(List.of(result), null, null, List.of());
  }

  /** A result of several lines (joined with "; " in batch mode). */
  static Outcome ok(List<String> lines) {
    return new Outcome(lines, null, null, List.of());
  }

  /** A drop with its reason word and detail. */
  static Outcome dropped(String reason, String detail) {
    return new Outcome(List.of(), Objects.requireNonNull(reason), Objects.requireNonNull(detail), List.of());
  }

  /** This outcome with one more note for standard error. */
  Outcome withNote(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new Outcome(lines, dropReason, dropDetail, more);
  }

  /** This outcome with result lines added (a description that goes with a drop). */
  Outcome withLines(List<String> description) {
    return new Outcome(description, dropReason, dropDetail, notes);
  }

  boolean isDropped() {
    return dropReason != null;
  }
}
