#!/usr/bin/env bash
# Usage: benchmarks/hostile-input.sh [DRKIT]   (DRKIT: the drkit to measure; default: drkit on PATH)
# Writes one hostile file per input limit at full size, has drkit read each one, and prints for every refusal the
# exit code (2 expected), wall time, CPU time and peak memory from /usr/bin/time -v, against the targets of 1 s
# and 200 MB. Stack files are read by 'drkit plan FILE'; a drill history by 'drkit runbook' of a stack whose
# drkit:policy.drillHistory names it. Nothing outside a temporary directory is written.
set -euo pipefail

drkit=${1:-drkit}
here=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v "$drkit" >/dev/null || { echo "no drkit at '$drkit'" >&2; exit 1; }
case $drkit in */*) drkit=$(realpath "$drkit") ;; esac # each file is read from inside a scratch project

work=$(mktemp -d /tmp/drkit-hostile-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/stacks" "$work/.drkit/drills"
cp "$here/Pulumi.yaml" "$work/"

repeat() { # repeat CHAR COUNT: CHAR COUNT times, no newline
  head -c "$2" /dev/zero | tr '\0' "$1"
}

# Stack files (limits: 4 MiB, 500,000 values after aliases, depth 64, 64 KiB per value).
{
  printf 'config:\n  drkit:primaryRegion: us-east-1\n  drkit:l0: &l0 lol\n'
  for i in $(seq 1 9); do
    printf '  drkit:l%d: &l%d [' "$i" "$i"
    for j in $(seq 1 10); do printf '*l%d%s' $((i - 1)) "$([ "$j" -lt 10 ] && echo ', ')"; done
    printf ']\n'
  done
  printf '  drkit:components: *l9\n'
} > "$work/stacks/Pulumi.laughs.yaml"
{ printf 'config:\n  drkit:primaryRegion: '; repeat '[' 100000; repeat ']' 100000; printf '\n'; } > "$work/stacks/Pulumi.deep.yaml"
{ printf 'config:\n  drkit:service: '; repeat a 3000000; printf '\n  drkit:primaryRegion: us-east-1\n'; } > "$work/stacks/Pulumi.long.yaml"
{ printf 'config:\n  drkit:primaryRegion: us-east-1\n'; yes "# $(repeat x 1021)" | head -c 209715200 || true; } > "$work/stacks/Pulumi.huge.yaml"

# Drill histories (limits: 64 MiB, depth 32, 1 MiB per line), read through a copy of the pilot-light stack.
history_stack() { # history_stack NAME HISTORY-FILE
  sed "s#drillHistory: .*#drillHistory: .drkit/drills/$2#" "$here/stacks/Pulumi.pilot-light.yaml" > "$work/stacks/Pulumi.$1.yaml"
}
yes '{"stack":"h","finishedAt":"2026-01-01T00:00:00Z"}' | head -c 104857600 > "$work/.drkit/drills/huge.jsonl" || true
{ printf '{"stack":"'; repeat a 5000000; printf '"}\n'; } > "$work/.drkit/drills/longline.jsonl"
{ repeat '[' 100000; repeat ']' 100000; printf '\n'; } > "$work/.drkit/drills/deepline.jsonl"
history_stack history-huge huge.jsonl
history_stack history-longline longline.jsonl
history_stack history-deepline deepline.jsonl

measure() { # measure LABEL FILE ARGS...
  local label=$1 file=$2 size out code wall cpu rss message
  shift 2
  size=$(stat -c %s "$file")
  (cd "$work" && /usr/bin/time -v -o "$work/time" "$drkit" "$@" > /dev/null 2> "$work/stderr") || true
  out=$(cat "$work/time")
  code=$(sed -n 's/.*Exit status: //p' <<< "$out")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<< "$out")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' <<< "$out")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' <<< "$out")
  # The refusal names file and limit on its own line under a heading, or on the first line.
  message=$(grep -v '^\s*$' "$work/stderr" | sed -n 2p)
  [ -n "$message" ] || message=$(head -1 "$work/stderr")
  printf '| %-34s | %9s | %4s | %8s | %6s s | %7s MB | %s\n' "$label" "$size" "${code:-?}" "$wall" "$cpu" "$rss" \
    "$(sed 's/^ *//' <<< "$message" | cut -c1-120)"
}

echo "drkit: $drkit ($("$drkit" --version 2>/dev/null || echo '?')), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-34s | %9s | %4s | %8s | %8s | %10s | %s\n' "hostile file" "bytes" "exit" "wall" "CPU" "peak RSS" "message"
measure "stack file: billion laughs" "$work/stacks/Pulumi.laughs.yaml" plan stacks/Pulumi.laughs.yaml
measure "stack file: 100,000-deep nesting" "$work/stacks/Pulumi.deep.yaml" plan stacks/Pulumi.deep.yaml
measure "stack file: 3 MB value" "$work/stacks/Pulumi.long.yaml" plan stacks/Pulumi.long.yaml
measure "stack file: 200 MiB" "$work/stacks/Pulumi.huge.yaml" plan stacks/Pulumi.huge.yaml
measure "drill history: 100 MiB" "$work/.drkit/drills/huge.jsonl" runbook stacks/Pulumi.history-huge.yaml
measure "drill history: 5 MB line" "$work/.drkit/drills/longline.jsonl" runbook stacks/Pulumi.history-longline.yaml
measure "drill history: 100,000-deep line" "$work/.drkit/drills/deepline.jsonl" runbook stacks/Pulumi.history-deepline.yaml
echo "Targets: exit 2, within 1 s and 200 MB each."
