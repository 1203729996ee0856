#!/usr/bin/env bash
# Builds the installable cdi from the CLI jar (run by Maven in the package phase of dist/):
#   target/jcdi-VERSION-linux-x64.tar.gz   unpack anywhere, run bin/cdi
#   target/jcdi_DEBVERSION_amd64.deb       installs under /usr/lib/jcdi, with /usr/bin/cdi, ...
# Both hold the same tree:
#   bin/                 every launcher in jcdi-dist/src/bin (cdi, cdi-runtime, ...)
#   lib/jcdi-cli.jar     the CLI with its libraries
#   lib/runtime/         a Java runtime made by jlink with only the JDK modules the CLI needs, and the
#                        JDK's class-data-sharing archive of its own classes
#   lib/training/        the example spec and config a first run archives the CLI's classes with
#   share/man/man1/cdi.1, share/bash-completion/completions/cdi, share/doc/jcdi/ (licence, SBOM)
# Every file gets the time of project.build.outputTimestamp and archives list their entries sorted with
# owner root, so the jar, the tarball and the package are the same bytes from one build to the next,
# except the runtime's CDS archive (lib/runtime/lib/server/classes.jsa), which JDK 17 does not write
# reproducibly.
#
# Environment (set by jcdi-dist/pom.xml): JCDI_VERSION, JCDI_OUTPUT_TIMESTAMP, JCDI_CLI_JAR, JCDI_CLI_SBOM,
# JCDI_JDK (the JDK whose jlink builds the runtime; empty: the newest JDK 17+ in /usr/lib/jvm whose jlink
# works, else JCDI_BUILD_JDK, the one running Maven), JCDI_MODULES (comma-separated), JCDI_TARGET.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
: "${JCDI_VERSION:?}" "${JCDI_OUTPUT_TIMESTAMP:?}" "${JCDI_CLI_JAR:?}" "${JCDI_MODULES:?}" "${JCDI_TARGET:?}"
export LC_ALL=C TZ=UTC
umask 022

say() { echo "dist: $*" >&2; }
die() { echo "dist: error: $*" >&2; exit 1; }

epoch="$(date -d "$JCDI_OUTPUT_TIMESTAMP" +%s)" || die "project.build.outputTimestamp '$JCDI_OUTPUT_TIMESTAMP' is not a date"
export SOURCE_DATE_EPOCH="$epoch"
[[ -f "$JCDI_CLI_JAR" ]] || die "$JCDI_CLI_JAR is missing (build the cli module first)"
# The JDK: as configured, else the newest one here (Java 25's runtime starts cdi from an AOT cache).
feature_of_jdk() { # JDK -> its feature version from its release file, or 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | grep . || echo 0
}
jdk="${JCDI_JDK:-}"
if [[ -z "$jdk" ]]; then
  best=0
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    [[ -x "$candidate/bin/jlink" && ! -L "$candidate" ]] || continue
    f="$(feature_of_jdk "$candidate")"
    if ((f >= 17 && f > best)); then best="$f" jdk="$candidate"; fi
  done
  if [[ -n "$jdk" ]] && ((best > $(feature_of_jdk "${JCDI_BUILD_JDK:?}"))); then
    say "jlink from $jdk (Java $best, the newest here; -Djcdi.dist.jdk=... chooses another)"
  else
    jdk="$JCDI_BUILD_JDK"
  fi
fi
# java.home of a JDK 8-style layout points at jre/; JDK 9+ is the JDK itself.
[[ -x "$jdk/bin/jlink" ]] || die "no jlink in $jdk/bin; set -Djcdi.dist.jdk=/path/to/a/JDK (17 or later)"
[[ "$(uname -m)" == x86_64 ]] || die "the package is built for linux-x64; this machine is $(uname -m)"

name="jcdi-$JCDI_VERSION-linux-x64"
work="$JCDI_TARGET/dist"
image="$work/$name"
rm -rf "$work" "$JCDI_TARGET/$name.tar.gz" "$JCDI_TARGET"/jcdi_*.deb
mkdir -p "$image"/{bin,lib,share/man/man1,share/bash-completion/completions,share/doc/jcdi}

# --- The JDK modules: those in JCDI_MODULES that this JDK has; every module jdeps finds the CLI needs
# must be among them, except the ones Jackson only uses when present (java.beans annotations, java.sql
# dates), which jcdi never reaches.
optional="java.desktop java.sql"
needed="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$JCDI_CLI_JAR")"
IFS=, read -r -a wanted <<<"$JCDI_MODULES"
for m in ${needed//,/ }; do
  [[ " $optional " == *" $m "* ]] && continue
  [[ ",$JCDI_MODULES," == *",$m,"* ]] || die "the CLI needs the JDK module $m (jdeps: $needed); add it to jcdi.dist.modules in jcdi-dist/pom.xml"
done
available="$("$jdk/bin/java" --list-modules | sed 's/@.*//')"
modules=()
for m in "${wanted[@]}"; do
  grep -qx "$m" <<<"$available" && modules+=("$m")
done
modules_csv="$(IFS=,; echo "${modules[*]}")"
say "jlink runtime from $jdk with $modules_csv"

# jlink's own output (Java 25 warns of every default-CDS class a small runtime leaves out) is shown
# only when it fails.
if ! "$jdk/bin/jlink" --add-modules "$modules_csv" --output "$image/lib/runtime" \
    --strip-debug --no-header-files --no-man-pages --generate-cds-archive >"$work/jlink.log" 2>&1; then
  cat "$work/jlink.log" >&2
  die "jlink failed"
fi
feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image/lib/runtime/release")"
[[ -n "$feature" ]] || die "cannot read the Java version of the jlinked runtime"

# --- The application.
cp "$JCDI_CLI_JAR" "$image/lib/jcdi-cli.jar"
for f in "$here"/src/bin/*; do
  install -m 0755 "$f" "$image/bin/${f##*/}"
done
mkdir -p "$image/lib/training/cdi"
cp "$root"/examples/cdi/* "$image/lib/training/cdi/"
cp "$root/examples/config.json" "$image/lib/training/config.json"
printf 'JCDI_VERSION=%s\nJAVA_FEATURE=%s\n' "$JCDI_VERSION" "$feature" >"$image/lib/jcdi.release"

# --- Man page and bash completion, written by the CLI itself (run with the runtime just made: the
# tree must work without the JDK that built it).
run_cdi() { "$image/lib/runtime/bin/java" -Xshare:auto -XX:TieredStopAtLevel=1 -jar "$image/lib/jcdi-cli.jar" "$@"; }
run_cdi man >"$image/share/man/man1/cdi.1"
run_cdi completion >"$image/share/bash-completion/completions/cdi"
[[ -s "$image/share/man/man1/cdi.1" && -s "$image/share/bash-completion/completions/cdi" ]] \
  || die "cdi man / cdi completion wrote nothing"
got="$(run_cdi version | head -1)"
[[ "$got" == "jcdi $JCDI_VERSION" ]] || die "the packaged cdi says '$got', expected 'jcdi $JCDI_VERSION'"

cp "$root/LICENSE" "$root/NOTICE" "$image/share/doc/jcdi/"
if [[ -n "${JCDI_CLI_SBOM:-}" && -f "$JCDI_CLI_SBOM" ]]; then
  cp "$JCDI_CLI_SBOM" "$image/share/doc/jcdi/jcdi-cli.cdx.json"
fi

# --- Timestamps and the tarball.
normalize() { # DIR: every entry's time becomes the output timestamp
  find "$1" -exec touch -h -d "@$epoch" {} +
}
reproducible_tar() { # DIR(parent) ENTRY OUT.tar.gz
  tar -C "$1" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --format=gnu \
    -cf - "$2" | gzip -n -9 >"$3"
}
normalize "$image"
reproducible_tar "$work" "$name" "$JCDI_TARGET/$name.tar.gz"
say "wrote $JCDI_TARGET/$name.tar.gz"

# --- The Debian package: the same tree under /usr/lib/jcdi.
if ! command -v dpkg-deb >/dev/null 2>&1; then
  say "dpkg-deb not found: no Debian package built"
  exit 0
fi
# Debian orders 0.1.0~SNAPSHOT before 0.1.0, as Maven does.
debversion="${JCDI_VERSION//-/\~}"
deb="$work/deb"
mkdir -p "$deb/DEBIAN" "$deb/usr/lib" "$deb/usr/bin" "$deb/usr/share/man/man1" \
  "$deb/usr/share/bash-completion/completions" "$deb/usr/share/doc/jcdi"
cp -a "$image" "$deb/usr/lib/jcdi"
# Documentation lives where Debian puts it; the tree keeps bin/ lib/ only.
rm -rf "$deb/usr/lib/jcdi/share"
for f in "$image"/bin/*; do
  ln -s "../lib/jcdi/bin/${f##*/}" "$deb/usr/bin/${f##*/}"
done
gzip -n -9 <"$image/share/man/man1/cdi.1" >"$deb/usr/share/man/man1/cdi.1.gz"
cp "$image/share/bash-completion/completions/cdi" "$deb/usr/share/bash-completion/completions/cdi"
cp "$image"/share/doc/jcdi/* "$deb/usr/share/doc/jcdi/"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: jcdi"
  echo
  echo "Files: *"
  echo "License: Apache-2.0"
  echo " See /usr/share/common-licenses/Apache-2.0 and /usr/share/doc/jcdi/NOTICE."
  echo
  echo "Files: usr/lib/jcdi/lib/runtime/*"
  echo "License: GPL-2.0 with Classpath Exception"
  echo " A Java runtime made from OpenJDK with jlink; see usr/lib/jcdi/lib/runtime/legal/."
} >"$deb/usr/share/doc/jcdi/copyright"

# Shared libraries the runtime links against, as Debian packages (never a guess: an unknown library
# stops the build).
depends=()
while read -r lib; do
  case "$lib" in
    libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | ld-linux*) pkg=libc6 ;;
    libz.so.*) pkg=zlib1g ;;
    libstdc++.so.*) pkg=libstdc++6 ;;
    libgcc_s.so.*) pkg=libgcc-s1 ;;
    *) die "the runtime links $lib; map it to its Debian package in jcdi-dist/build.sh" ;;
  esac
  [[ " ${depends[*]:-} " == *" $pkg "* ]] || depends+=("$pkg")
done < <(find "$image/lib/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec sh -c \
  'for f; do ldd "$f" 2>/dev/null; done' sh {} + \
  | awk '$2 == "=>" && $3 !~ /\/lib\/runtime\// && $1 !~ /^lib(java|jvm|jli|net|nio|zip|verify|jimage)\.so$/ { print $1 }' \
  | sort -u)
installed_kb="$(du -sk --apparent-size "$deb/usr" | cut -f1)"
cat >"$deb/DEBIAN/control" <<EOF
Package: jcdi
Version: $debversion
Architecture: amd64
Maintainer: The jcdi developers <jcdi@users.noreply.github.com>
Installed-Size: $installed_kb
Depends: $(IFS=,; echo "${depends[*]}" | sed 's/,/, /g')
Section: admin
Priority: optional
Homepage: https://github.com/jcdi-dev/jcdi
Description: Container Device Interface (CDI) tool for the JVM
 cdi lists, validates and injects CDI devices (GPUs, NICs, FPGAs, ...) into
 OCI container configs; cdi-runtime is an OCI runtime shim that gives
 containers the CDI devices they request before handing over to runc.
 Runs on its own Java runtime under /usr/lib/jcdi; no JDK is needed.
EOF
# The CLI's class-data-sharing archive is made on the machine (it names the jar's path and time).
cat >"$deb/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  rm -f /usr/lib/jcdi/lib/cdi.jsa /usr/lib/jcdi/lib/cdi.aot /usr/lib/jcdi/lib/cdi-listings.jsa /usr/lib/jcdi/lib/cdi-listings.aot \
    /usr/lib/jcdi/lib/cdi-runtime.jsa /usr/lib/jcdi/lib/cdi-runtime.aot
  /usr/lib/jcdi/bin/cdi version >/dev/null 2>&1 || true
  CDI_CACHE=off /usr/lib/jcdi/bin/cdi devices --spec-dir /usr/lib/jcdi/lib/training/cdi >/dev/null 2>&1 || true
fi
EOF
cat >"$deb/DEBIAN/prerm" <<'EOF'
#!/bin/sh
set -e
rm -f /usr/lib/jcdi/lib/cdi.jsa /usr/lib/jcdi/lib/cdi.aot /usr/lib/jcdi/lib/cdi-listings.jsa /usr/lib/jcdi/lib/cdi-listings.aot \
    /usr/lib/jcdi/lib/cdi-runtime.jsa /usr/lib/jcdi/lib/cdi-runtime.aot
EOF
chmod 0755 "$deb/DEBIAN/postinst" "$deb/DEBIAN/prerm"
normalize "$deb"
out="$JCDI_TARGET/jcdi_${debversion}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out" >/dev/null
say "wrote $out"
