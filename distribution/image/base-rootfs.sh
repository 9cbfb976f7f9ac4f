#!/usr/bin/env bash
# Assembles the root filesystem of the connectors' base image from the build machine's JDK, so images build with
# no container registry: a jlink'd Java runtime (the JRE's modules) in /opt/java, the C libraries it links,
# a non-root account (185) and the writable directories the connectors use. Jib turns it into the base image.
#   distribution/image/base-rootfs.sh <jdk home> <output directory>
# Linux (x86_64 or aarch64) only: elsewhere, build with -DskipImages or a registry base (-Dimage.base=...).
set -euo pipefail
jdk="${1:?usage: base-rootfs.sh <jdk home> <output directory>}"
out="${2:?usage: base-rootfs.sh <jdk home> <output directory>}"
if [ "$(uname -s)" != Linux ] || ! command -v ldd >/dev/null; then
  echo "base-rootfs.sh: the local base image is assembled from a Linux JDK and its C libraries; on $(uname -s)" \
       "build with -DskipImages, or with a registry base: -Dimage.base=eclipse-temurin:17-jre" >&2
  exit 2
fi
if [ ! -d "$jdk/jmods" ]; then
  echo "base-rootfs.sh: $jdk has no jmods directory; install the full JDK (e.g. openjdk-17-jdk-headless)" >&2
  exit 2
fi
rm -rf "$out"
mkdir -p "$out"
# The JRE's modules without the desktop-only natives' dependencies (AWT is loaded only if used; headless here).
"$jdk/bin/jlink" --output "$out/opt/java" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --add-modules java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs
# jlink copies the JDK's security files; where the distribution links them elsewhere (Debian: the CA bundle in
# /etc/ssl), replace the links by the files.
find "$out/opt/java" -type l | while read -r link; do
  target="$(readlink -f "$link")"
  rm "$link"
  cp "$target" "$link"
done
# The C libraries the runtime's non-desktop natives link, and the dynamic loader.
libs="$(find "$out/opt/java" -name '*.so' ! -name 'libawt*' ! -name 'libjawt.so' ! -name 'libfontmanager.so' \
  ! -name 'libjsound.so' ! -name 'libsplashscreen.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' \
  ! -name 'libmlib_image.so' -exec ldd {} + | awk '/=> \// { print $3 }' | grep -v "^$out/" | sort -u)"
for lib in $libs; do
  real="$(readlink -f "$lib")"
  mkdir -p "$out$(dirname "$lib")"
  cp "$real" "$out$lib"
done
# The loader where the ELF interpreter path points (e.g. /lib64/ld-linux-x86-64.so.2).
interp="$(readelf -l "$jdk/bin/java" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p')"
if [ -z "$interp" ]; then
  interp="$(ldd "$jdk/bin/java" | awk '/ld-linux/ { print $1 }')"
fi
mkdir -p "$out$(dirname "$interp")"
cp "$(readlink -f "$interp")" "$out$interp"
# Accounts, name resolution, writable directories.
mkdir -p "$out/etc" "$out/proc" "$out/tmp" "$out/deployments" "$out/var/lib/mcp-connector" "$out/home/connector"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
connector:x:185:185:MCP connector:/home/connector:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
connector:x:185:
nogroup:x:65534:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
echo "base root filesystem: $(du -sh "$out" | cut -f1) in $out" >&2
