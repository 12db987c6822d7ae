#!/usr/bin/env bash
# The project's test command (the README's, and CI's through .ci/run):
#   1. every Maven module: mvn -B verify
#   2. sdk-python, if it exists: a venv in sdk-python/.venv, pip install -e '.[test]', pytest
#   3. sdk-js, if it exists: npm ci (or npm install without a lock file), npm test
#   4. Hyperliquid's own Python SDK against the sandbox's /hl dialect (sandbox/hl-sdk-acceptance):
#      a venv there, pip install -r requirements.txt, pytest (needs the jar step 1 built)
# Every step runs even if an earlier one failed; the exit status is non-zero if any failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

failed=()

step() {
  local name="$1"
  shift
  echo
  echo "==> $name"
  if "$@"; then
    echo "==> $name: passed"
  else
    echo "==> $name: FAILED"
    failed+=("$name")
  fi
}

java_tests() {
  mvn -B verify
}

# pytest in directory $1 after pip-installing "${@:2}" into a venv there
pytest_in() (
  set -e
  cd "$1"
  shift
  local python="${PYTHON:-python3}"
  if [[ ! -x .venv/bin/python ]]; then
    "$python" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q "$@"
  .venv/bin/python -m pytest -q
)

python_tests() {
  pytest_in "$ROOT/sdk-python" -e '.[test]'
}

js_tests() (
  set -e
  cd "$ROOT/sdk-js"
  if [[ -f package-lock.json ]]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
  npm test
)

hl_sdk_acceptance() {
  pytest_in "$ROOT/sandbox/hl-sdk-acceptance" -r requirements.txt
}

step "Java modules (mvn -B verify)" java_tests
step "Hyperliquid Python SDK against the sandbox (pytest)" hl_sdk_acceptance

if [[ -f sdk-python/pyproject.toml ]]; then
  step "sdk-python (pytest)" python_tests
elif [[ -d sdk-python ]]; then
  echo; echo "==> sdk-python: no pyproject.toml yet, skipped"
else
  echo; echo "==> sdk-python: directory does not exist yet, skipped"
fi

if [[ -f sdk-js/package.json ]]; then
  step "sdk-js (npm test)" js_tests
elif [[ -d sdk-js ]]; then
  echo; echo "==> sdk-js: no package.json yet, skipped"
else
  echo; echo "==> sdk-js: directory does not exist yet, skipped"
fi

echo
if (( ${#failed[@]} > 0 )); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all tests passed"
