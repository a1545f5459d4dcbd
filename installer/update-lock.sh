#!/usr/bin/env bash
# Renew the lock files in installer/lock/ from the ranges in pyproject.toml.
#
#   bash installer/update-lock.sh              # newest versions the ranges allow
#   bash installer/update-lock.sh -P reportlab # move just one package
#
# The kiosk, the collector and the tests install exactly these versions (with hashes) through
# installer/setup.sh. After renewing, run `bash installer/setup.sh test`: the binding guard in
# tests/ui/test_binding_refcount.py and the soak test must pass before the new lock is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${UV_TOOLS_VENV:-.venv-lock}"
if [ ! -x "$tools/bin/uv" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install -q "uv>=0.5"
fi
for set in test app collector build; do
  # One resolution for every platform and Python the kiosk supports (Linux and Windows, 3.11+).
  "$tools/bin/uv" pip compile pyproject.toml --extra "$set" --universal --generate-hashes \
    --python-version 3.11 --quiet "$@" -o "installer/lock/$set.txt"
  echo "installer/lock/$set.txt: $(grep -cE '^[a-z0-9]' "installer/lock/$set.txt") packages"
done
