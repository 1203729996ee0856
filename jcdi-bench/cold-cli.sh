#!/usr/bin/env bash
# Whole-process comparison: cold `cdi devices` and `cdi inject` processes, a new JVM per run as a user
# or a script starts them (the page cache is warm; nothing else is), against `cat` reading the same
# spec files in the same run. Wall time and peak RSS of each process come from GNU time
# (/usr/bin/time; Debian package `time`).
#
#   jcdi-bench/cold-cli.sh CORPUS_ROOT [RUNS]
#
# CORPUS_ROOT holds gpu/ and transient5000/ (`Corpus all CORPUS_ROOT`). Also times an empty spec
# directory (the launcher and JVM start-up alone), and `devices` with and without cdi's spec cache. The cdi commands measured (CDI_BENCH_TOOLS, default
# all that exist): "tree" is the source tree's ./cdi on the Java it picks (JAVA_HOME unset: the newest
# in /usr/lib/jvm; a Java 25 runs from an AOT cache); "tree-jdk17" is ./cdi on a Java 17 in
# /usr/lib/jvm (CDI_JAVA), with its CDS archive; "installed" is bin/cdi of the tarball jcdi-dist built
# (unpacked into a temp dir; its runtime is jlinked from the newest JDK the build found). Prints one
# line per measurement:
#   cold-cli <tool> <command> <corpus> median_ms=<m> min_ms=<m> cpu_ms=<m> max_rss_mb=<m> runs=<n> load=<1-min>
# (median wall time, fastest run, median user+sys CPU time, highest peak RSS, 1-minute load average at
# the end; on a loaded machine the CPU time is the steadier figure)
# and for `cat`: cold-cli cat read <corpus> median_ms=... (the same fields).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: jcdi-bench/cold-cli.sh CORPUS_ROOT [RUNS]}"
runs="${2:-10}"
gnutime=/usr/bin/time
[[ -x "$gnutime" ]] || { echo "cold-cli: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/empty"
# cdi's spec cache (~/.cache/jcdi/specs by default): one of the benchmark's own. The untimed runs
# before each measurement fill it, so "devices" is a run that restores the specs from it, as most
# runs do; "devices-parsing" runs without it (CDI_CACHE=off); "devices-first" parses every file and
# writes the cache anew (the first run, or the first after every spec file changed).
export CDI_CACHE_DIR="$work/cache"

# The tools: name and command line (a launcher; arguments follow).
declare -A tool_cmd=()
tools=()
add_tool() { tools+=("$1"); tool_cmd[$1]="$2"; }
"$root/cdi" version >/dev/null # builds the CLI jar first if needed, untimed (archives: in measure's warm-up)
add_tool tree "env -u JAVA_HOME -u CDI_JAVA $root/cdi"
jdk17=""
for j in /usr/lib/jvm/*/bin/java; do
  if grep -q '^JAVA_VERSION="17' "${j%/bin/java}/release" 2>/dev/null; then jdk17="$j"; break; fi
done
if [[ -n "$jdk17" ]]; then
  add_tool tree-jdk17 "env CDI_JAVA=$jdk17 $root/cdi"
fi
tarball="$(ls "$root"/jcdi-dist/target/jcdi-*-linux-x64.tar.gz 2>/dev/null | head -1 || true)"
if [[ -n "$tarball" ]]; then
  tar -C "$work" -xzf "$tarball"
  add_tool installed "$(ls -d "$work"/jcdi-*/bin/cdi)"
fi
if [[ -n "${CDI_BENCH_TOOLS:-}" ]]; then
  tools=(${CDI_BENCH_TOOLS})
fi

# measure LABEL COMMAND...: RUNS timed runs after 2 untimed ones; prints the summary fields.
measure() {
  local label="$1" i
  shift
  for i in 1 2; do "$@" >/dev/null 2>&1 || true; done
  : >"$work/times"
  for ((i = 0; i < runs; i++)); do
    "$gnutime" -f '%e %M %U %S' -o "$work/one" "$@" >/dev/null 2>"$work/err" \
      || { echo "cold-cli: $label failed: $* ($(tail -1 "$work/err"))" >&2; return 1; }
    tail -1 "$work/one" >>"$work/times"
  done
  local cpu
  cpu="$(awk '{ print ($3 + $4) * 1000 }' "$work/times" | sort -n | awk -v n="$runs" '
    { c[NR] = $1 } END { print (n % 2) ? c[(n + 1) / 2] : (c[n / 2] + c[n / 2 + 1]) / 2 }')"
  sort -n "$work/times" | awk -v label="$label" -v n="$runs" -v cpu="$cpu" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    { t[NR] = $1 * 1000; if ($2 > rss) rss = $2 }
    END {
      med = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      printf "cold-cli %s median_ms=%.0f min_ms=%.0f cpu_ms=%.0f max_rss_mb=%.1f runs=%d load=%s\n", label, med, t[1], cpu, rss / 1024, n, load
    }'
}

for name in empty gpu transient5000; do
  dir="$corpus/$name"
  [[ "$name" == empty ]] && dir="$work/empty"
  if [[ "$name" != empty ]]; then
    measure "cat read $name" sh -c 'cat "$0"/* >/dev/null' "$dir"
  fi
  first="$("$root/cdi" --spec-dir "$dir" devices 2>/dev/null | head -1)"
  for tool in "${tools[@]}"; do
    # shellcheck disable=SC2086
    measure "$tool devices $name" ${tool_cmd[$tool]} --spec-dir "$dir" devices
    if [[ "$name" != empty ]]; then
      # shellcheck disable=SC2086
      measure "$tool devices-parsing $name" env CDI_CACHE=off ${tool_cmd[$tool]} --spec-dir "$dir" devices
      # shellcheck disable=SC2016,SC2086
      measure "$tool devices-first $name" sh -c 'rm -f "$CDI_CACHE_DIR/specs"; exec "$@"' sh \
        ${tool_cmd[$tool]} --spec-dir "$dir" devices
    fi
    if [[ -n "$first" ]]; then
      # shellcheck disable=SC2086
      measure "$tool inject $name" ${tool_cmd[$tool]} --spec-dir "$dir" inject "$root/examples/config.json" "$first"
    fi
  done
done
