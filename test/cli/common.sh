# Shared start of the shell tests: `source` it with AIDCSIM SOURCE_DIR WORK_DIR as arguments.
# Sets aidcsim, src and work, empties WORK_DIR, moves to SOURCE_DIR and defines fail().
set -euo pipefail
aidcsim=$1
src=$2
work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
fail() { echo "FAIL: $*" >&2; exit 1; }
