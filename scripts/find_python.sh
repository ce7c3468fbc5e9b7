#!/usr/bin/env bash
# Print the path of a Python 3.12+ interpreter: Django 6.x needs it, and the
# image's default python3 is older. Looks on PATH, then in pyenv's versions.
set -u
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
for candidate in python3.13 python3.12 python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3 \
    /root/.pyenv/versions/3.1[2-9]*/bin/python3; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then
    # Resolve pyenv shims to the real interpreter so the venv does not depend on them.
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "No Python 3.12 or newer found; install one (pyenv install 3.12) and retry." >&2
exit 1
