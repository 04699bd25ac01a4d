# Sourced by scripts/*: repository root and schema folder defaults.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z "${CHORUS_SCHEMA_DIR:-}" && -d "$root/../shared/schemas" ]]; then
  CHORUS_SCHEMA_DIR=$(cd "$root/../shared/schemas" && pwd)
  export CHORUS_SCHEMA_DIR
fi
jobs=$(nproc 2>/dev/null || echo 2)
