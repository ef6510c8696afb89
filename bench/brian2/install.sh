#!/usr/bin/env bash
# Install Brian2 (and a C++ compiler for standalone mode) from Debian's archive.
# Idempotent: does nothing if Debian's /usr/bin/python3 imports brian2 and g++ exists. Quiet on success.
# (python3-brian goes to /usr/lib/python3/dist-packages: only /usr/bin/python3 sees it, not pyenv/venv
# interpreters; bench.py re-execs itself under /usr/bin/python3 when needed.)
set -euo pipefail
if /usr/bin/python3 -c 'import brian2' >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
log=$(mktemp)
if ! { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends python3-brian g++ make; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "install.sh: apt-get failed" >&2
  exit 1
fi
rm -f "$log"
/usr/bin/python3 -c 'import brian2' >/dev/null 2>&1 || { echo "install.sh: brian2 still not importable" >&2; exit 1; }
