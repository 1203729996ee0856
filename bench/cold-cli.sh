#!/usr/bin/env bash
# Cold `./cdi devices`: a new JVM per run, as a user or a script starts it (the page cache is warm;
# nothing else is). Uses hyperfine when it is installed (and NO_HYPERFINE is unset), else a plain
# bash loop timed with date +%s%N.
#
#   bench/cold-cli.sh CORPUS_ROOT [RUNS]
#
# CORPUS_ROOT holds gpu/ and transient5000/ (`Corpus all CORPUS_ROOT`). Also times an empty spec
# directory, i.e. the launcher and JVM start-up alone. Prints one line per corpus:
#   cold-cli <name> mean_ms=<mean> min_ms=<min> runs=<n> devices=<count>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: bench/cold-cli.sh CORPUS_ROOT [RUNS]}"
runs="${2:-10}"
cdi="$root/cdi"

# Build the CLI jar first if needed, untimed (./cdi builds it on first use).
"$cdi" version >/dev/null

empty="$(mktemp -d)"
trap 'rm -rf "$empty"' EXIT

measure() { # name dir
  local name="$1" dir="$2" devices mean min
  devices="$("$cdi" --spec-dir "$dir" devices 2>/dev/null | wc -l)"
  if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1; then
    local csv="$empty/$name.csv"
    hyperfine --style none --warmup 2 --runs "$runs" --export-csv "$csv" \
      "$cdi --spec-dir $dir devices" >/dev/null 2>&1
    # command,mean,stddev,median,user,system,min,max (seconds)
    read -r mean min < <(awk -F, 'NR==2 { printf "%.1f %.1f\n", $2 * 1000, $7 * 1000 }' "$csv")
  else
    local i t0 t1 total=0 best=""
    for i in 1 2; do "$cdi" --spec-dir "$dir" devices >/dev/null 2>&1; done
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s%N)
      "$cdi" --spec-dir "$dir" devices >/dev/null 2>&1
      t1=$(date +%s%N)
      total=$((total + t1 - t0))
      if [[ -z "$best" ]] || ((t1 - t0 < best)); then best=$((t1 - t0)); fi
    done
    mean=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.1f", t / n / 1e6 }')
    min=$(awk -v t="$best" 'BEGIN { printf "%.1f", t / 1e6 }')
  fi
  echo "cold-cli $name mean_ms=$mean min_ms=$min runs=$runs devices=$devices"
}

measure empty "$empty"
measure gpu "$corpus/gpu"
measure transient5000 "$corpus/transient5000"
