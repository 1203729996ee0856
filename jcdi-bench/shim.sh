#!/usr/bin/env bash
# What cdi-runtime adds to the calls an engine makes, measured as whole processes (the page cache
# is warm, nothing else is):
#   state    `runc state ID` of a created container, directly and through the shim (with the shim
#            options an engine gives): the idle path, a bash script and an exec, no JVM;
#   create   `cdi-runtime create` of a bundle requesting two devices of the 20-GPU-node corpus, with
#            /bin/true as the delegate, so the time is the shim's own (launcher, JVM, registry of
#            20 specs, inject, atomic write); compared with /bin/true alone, and shown next to
#            `runc create` + `runc delete` of the same bundle without devices for scale;
#   create, no archive   the same without the class archive (CDS archive or AOT cache) and with no
#            class-data sharing at all (CDI_RUNTIME_ARCHIVE=off), to show what it is worth;
#   create via service   the same with the resident service (RuntimeService) answering: no JVM start.
#
#   jcdi-bench/shim.sh [RUNS]       (default 20; needs root, runc, busybox-static, built jars)
#
# Prints one line per measurement: name, mean and median in ms, runs. Plain bash loops timed with
# date +%s%N (hyperfine is not needed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
shim="$root/cdi-runtime"
runc="$(command -v runc || echo /usr/sbin/runc)"

if [[ ! -f "$root/jcdi-cli/target/jcdi-cli.jar" || ! -f "$root/jcdi-bench/target/benchmarks.jar" ]]; then
  echo "bench: building (mvn -pl jcdi-bench,jcdi-cli -am package -DskipTests)..." >&2
  mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl jcdi-bench,jcdi-cli -am package -DskipTests 1>&2
fi

# The shim runs as an engine starts it: without JAVA_HOME, so it takes the newest Java in /usr/lib/jvm.
unset JAVA_HOME
work="$(mktemp -d)"
state_root="$work/runc-root"
cleanup() {
  [[ -n "${service:-}" ]] && kill "$service" 2>/dev/null
  "$runc" --root "$state_root" delete -f bench-state >/dev/null 2>&1 || true
  "$runc" --root "$state_root" delete -f bench-runc >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
service=""

java -cp "$root/jcdi-bench/target/benchmarks.jar" dev.jcdi.bench.Corpus gpu "$work/gpu" 20 2>/dev/null
bundle="$work/bundle"
mkdir -p "$bundle/rootfs/bin"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/sh"
(cd "$bundle" && "$runc" spec)
sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"sh", "-c", "sleep 1000"/' "$bundle/config.json"
plain="$(cat "$bundle/config.json")"
devices="gpu03.example.com/gpu=1,gpu17.example.com/gpu=5"
with_devices="${plain/\"TERM=xterm\"/\"TERM=xterm\", \"CDI_DEVICES=$devices\"}"

# measure NAME SETUP COMMAND...: runs SETUP (untimed) and COMMAND (timed) $runs times after 2 warm-ups.
# Wall time is what an engine waits; CPU time (user + system, the command and its children) is
# what the machine spends, and moves far less with other load on the machine.
measure() {
  local name="$1" setup="$2" i t0 t1 cpu
  shift 2
  local times=() cpus=()
  for ((i = -2; i < runs; i++)); do
    eval "$setup"
    if ((i < 0)); then # warm-up: must succeed
      "$@" >/dev/null 2>"$work/err" || { echo "bench: $name failed: $*" >&2; cat "$work/err" >&2; exit 1; }
      continue
    fi
    t0=$(date +%s%N)
    cpu="$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 )" || true
    t1=$(date +%s%N)
    times+=($((t1 - t0)))
    cpus+=("$cpu")
  done
  printf '%s\n' "${cpus[@]}" | awk '{ s += ($1 + $2) * 1000 } END { printf "%.1f\n", s / NR }' >"$work/cpu"
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v cpu="$(cat "$work/cpu")" '
    { t[NR] = $1; s += $1 }
    END { printf "%-46s wall mean %7.1f ms  median %7.1f ms   cpu mean %7.1f ms   runs %d\n", name, s / NR / 1e6, t[int((NR + 1) / 2)] / 1e6, cpu, NR }'
}

echo "== cdi-runtime: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), newest Java in /usr/lib/jvm (the shim's, JAVA_HOME unset): $(for r in /usr/lib/jvm/*/release; do sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$r"; done | sort -V | tail -1)," \
  "$("$runc" --version | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

# state of a created container
printf '%s' "$plain" >"$bundle/config.json"
"$runc" --root "$state_root" create --bundle "$bundle" bench-state
measure "state, runc" ":" "$runc" --root "$state_root" state bench-state
measure "state, cdi-runtime" ":" "$shim" --cdi-spec-dir "$work/gpu" --cdi-log "$work/cdi.log" --root "$state_root" state bench-state
"$runc" --root "$state_root" delete -f bench-state

# create with two devices: the shim's own time, the delegate a no-op
"$shim" --cdi-spec-dir "$root/examples/cdi" --cdi-delegate /bin/true create --bundle "$bundle" warm-the-archive 2>/dev/null || true
reset='printf "%s" "$with_devices" >"$bundle/config.json"'
measure "create (2 devices), /bin/true alone" "$reset" /bin/true --root "$state_root" create --bundle "$bundle" x
measure "create (2 devices), cdi-runtime -> /bin/true" "$reset" \
  "$shim" --cdi-spec-dir "$work/gpu" --cdi-delegate /bin/true create --bundle "$bundle" x
grep -q '"/dev/gpu03-gpu1"' "$bundle/config.json" || { echo "bench: nothing was injected" >&2; exit 1; }
export CDI_RUNTIME_ARCHIVE=off
measure "create (2 devices), cdi-runtime, no archive" "$reset" \
  "$shim" --cdi-spec-dir "$work/gpu" --cdi-delegate /bin/true create --bundle "$bundle" x
unset CDI_RUNTIME_ARCHIVE

# create with two devices through the resident service: the launcher asks it over its socket (perl)
export CDI_RUNTIME_SOCKET="$work/service.sock"
java -XX:+UseSerialGC -cp "$root/jcdi-cli/target/jcdi-cli.jar" dev.jcdi.cli.RuntimeService "$CDI_RUNTIME_SOCKET" \
  --spec-dir "$work/gpu" 2>"$work/service.log" &
service=$!
for ((i = 0; i < 600; i++)); do [[ -S "$CDI_RUNTIME_SOCKET" ]] && break; sleep 0.1; done
measure "create (2 devices), cdi-runtime via service" "$reset" \
  "$shim" --cdi-spec-dir "$work/gpu" --cdi-delegate /bin/true create --bundle "$bundle" x
grep -q '"/dev/gpu03-gpu1"' "$bundle/config.json" || { echo "bench: nothing was injected via the service" >&2; exit 1; }
kill "$service"
wait "$service" 2>/dev/null || true
unset CDI_RUNTIME_SOCKET

# runc create + delete of the same bundle without devices, for scale
measure "runc create + delete (no devices)" 'printf "%s" "$plain" >"$bundle/config.json"' \
  bash -c "'$runc' --root '$state_root' create --bundle '$bundle' bench-runc && '$runc' --root '$state_root' delete -f bench-runc"
