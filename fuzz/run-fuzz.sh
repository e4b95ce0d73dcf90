#!/usr/bin/env bash
# Coverage-guided fuzzing of e2ee4j's receive path with Jazzer, one target at a time (Jazzer fuzzes
# one @FuzzTest per JVM). See README.md.
#
#   run-fuzz.sh fuzz [SECONDS] [Class#method ...]   fuzz each target (default all) for SECONDS (60)
#   run-fuzz.sh minimise [Class#method ...]          merge committed + generated inputs into a
#                                                    minimal set and commit it to src/test/resources
#   run-fuzz.sh seeds                                rewrite the seed inputs (valid ciphertext)
#
# Needs the test classes and their class path: `mvn -Pfuzz verify` provides both; by hand, run
# `mvn -pl fuzz test-compile dependency:build-classpath -Dmdep.includeScope=test
#  -Dmdep.outputFile=target/fuzz-classpath.txt` from the root first (or set FUZZ_CLASSPATH).
# Output: target/fuzz/<target>/{corpus,findings,log.txt}, and target/fuzz/summary.txt with the
# executions per target. Exits 1 if any target found a failing input (saved under findings/).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
RESOURCES="$HERE/src/test/resources/io/e2ee4j/fuzz"
OUT="$HERE/target/fuzz"
ALL_TARGETS=(
  FrameDecryptFuzzTest#opus FrameDecryptFuzzTest#vp8 FrameDecryptFuzzTest#vp9 FrameDecryptFuzzTest#h264
  FrameDecryptFuzzTest#h265 FrameDecryptFuzzTest#av1 FrameDecryptFuzzTest#unknown
  FrameTrailerFuzzTest#serverInjectedFrames FrameTrailerFuzzTest#metadataTrailer
  DataPacketFuzzTest#sharedKey DataPacketFuzzTest#perParticipantKeys
  CliFuzzTest#arguments CliFuzzTest#batchLines
)
# What libFuzzer's coverage counts: e2ee4j, including its generated protobuf parsers and the CLI's
# own parsing; not the fuzz harness, nor the protobuf and picocli runtimes (instrumenting their
# large classes when first loaded takes longer than the 1 s timeout).
INSTRUMENT='io.e2ee4j.**'

classpath() {
  local cp_file="$HERE/target/fuzz-classpath.txt"
  if [[ -n "${FUZZ_CLASSPATH:-}" ]]; then
    echo "$HERE/target/test-classes:$FUZZ_CLASSPATH"
  elif [[ -f "$cp_file" ]]; then
    echo "$HERE/target/test-classes:$(cat "$cp_file")"
  else
    echo "run-fuzz.sh: no class path: see the header of $0" >&2
    exit 2
  fi
}

jazzer() { # target, then libFuzzer arguments
  local class="${1%%#*}" method="${1##*#}"
  shift
  java -Xmx1g -De2ee4j.fuzzing=true -cp "$(classpath)" com.code_intelligence.jazzer.Jazzer \
    --target_class="io.e2ee4j.fuzz.$class" --target_method="$method" \
    --instrumentation_includes="$INSTRUMENT" --instrumentation_excludes='io.e2ee4j.fuzz.**' \
    -timeout=1 -max_len=4096 -rss_limit_mb=3072 "$@"
}

fuzz() {
  local seconds="${1:-60}"
  shift || true
  local targets=("$@")
  [[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")
  local failed=0
  mkdir -p "$OUT"
  for t in "${targets[@]}"; do
    local dir="$OUT/${t/\#//}"
    mkdir -p "$dir/corpus" "$dir/findings"
    echo "[fuzz] $t: fuzzing for $seconds s (log: $dir/log.txt)"
    # The committed inputs (target/test-classes/...Inputs/<method>) are read too: Jazzer adds them.
    if jazzer "$t" -max_total_time="$seconds" -artifact_prefix="$dir/findings/" "$dir/corpus" >"$dir/log.txt" 2>&1; then
      status=ok
    else
      status="FAILED (finding in $dir/findings)"
      failed=1
    fi
    local runs
    runs="$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$dir/log.txt" | tail -1 || true)"
    [[ -n "$runs" ]] || runs="$(grep -Eo '^#[0-9]+' "$dir/log.txt" | tail -1 | tr -d '#' || true) runs (stopped early)"
    echo "[fuzz] $t: $status; $runs" | tee -a "$OUT/summary.txt"
  done
  return "$failed"
}

minimise() {
  local targets=("$@")
  [[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")
  for t in "${targets[@]}"; do
    local class="${t%%#*}" method="${t##*#}"
    local committed="$RESOURCES/${class}Inputs/$method" dir="$OUT/${t/\#//}"
    local merged="$dir/merged"
    rm -rf "$merged" && mkdir -p "$merged" "$dir/corpus"
    jazzer "$t" -merge=1 "$merged" "$committed" "$dir/corpus" >"$dir/merge.txt" 2>&1
    if [[ -n "$(ls -A "$merged")" ]]; then
      rm -f "$committed"/* && cp "$merged"/* "$committed"/
    fi
    echo "[fuzz] $t: $(ls "$committed" | wc -l) inputs, $(du -sk "$committed" | cut -f1) KiB committed"
  done
}

case "${1:-}" in
  fuzz) shift; fuzz "$@" ;;
  minimise) shift; minimise "$@" ;;
  seeds) java -cp "$(classpath)" io.e2ee4j.fuzz.SeedCorpus "$RESOURCES" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
