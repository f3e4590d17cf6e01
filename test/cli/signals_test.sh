#!/usr/bin/env bash
# A signal to `aidcsim run` ends its simulation process with it, and nothing is written into --out
# afterwards: SIGTERM (the command ends its child, removes the child's files and dies of the
# signal) and SIGKILL (the kernel ends the child, whose files have no name until they are done).
# Usage: signals_test.sh AIDCSIM SOURCE_DIR WORK_DIR
source "$(dirname "$0")/common.sh" "$@"


child_of() {
  for _ in $(seq 1 100); do
    local c
    c=$(pgrep -P "$1" || true)
    [ -n "$c" ] && { echo "$c"; return; }
    sleep 0.05
  done
  fail "no simulation process under $1"
}

for sig in TERM KILL; do
  out="$work/$sig"
  # A run of about 20 s in a Release build: long enough to be stopped in the middle.
  "$aidcsim" run scenarios/power/tier3-like.yaml --years 300000 --out "$out" >/dev/null 2>&1 &
  parent=$!
  child=$(child_of "$parent")
  sleep 1 # the child is writing its timeline now
  kill -s "$sig" "$parent"
  set +e
  wait "$parent"
  rc=$?
  set -e
  case $sig in TERM) want=143 ;; KILL) want=137 ;; esac
  [ "$rc" = "$want" ] || fail "SIG$sig: exit status $rc, expected $want"
  for _ in $(seq 1 20); do
    kill -0 "$child" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$child" 2>/dev/null && [ "$(ps -o stat= -p "$child" | cut -c1)" != Z ]; then
    fail "SIG$sig: the simulation process $child outlived the command"
  fi
  sleep 0.5 # anything still writing would show now
  left=$(ls -A "$out")
  [ -z "$left" ] || fail "SIG$sig: files in --out after the command ended: $left"
  echo "ok: SIG$sig ends the run and its simulation process, --out stays empty"
done
echo "signal tests: 2 passed, 0 failed"
