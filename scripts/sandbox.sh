#!/usr/bin/env bash
# Runs the gateway sandbox: builds gateway/target/mm-gateway.jar first if it is missing or
# older than any source or pom, then starts `mm-gateway sandbox` with the given options
# (--data-dir DIR, --http-port N, --grpc-port N, --fix-port N; 0 = any free port).
# The data directory defaults to ./data relative to where you run this script.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/gateway/target/mm-gateway.jar"

needs_build() {
  [[ ! -f "$JAR" ]] && return 0
  local newer
  newer="$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT/proto/src" "$ROOT/gateway/src" \
      -type f -newer "$JAR" -print -quit 2>/dev/null || true)"
  [[ -n "$newer" ]]
}

if needs_build; then
  echo "building $JAR (mvn -q -DskipTests package) ..." >&2
  mvn -B -q -DskipTests -f "$ROOT/pom.xml" package
fi

exec java -Xmx512m -jar "$JAR" sandbox "$@"
