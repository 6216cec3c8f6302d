#!/usr/bin/env bash
# Install the test dependencies and run every check CI runs, from the repository root:
#
#     scripts/test.sh            # everything
#     scripts/test.sh -k export  # everything, with extra arguments passed to pytest
#
# Uses the active virtual environment; otherwise creates (or reuses) .venv in the
# repository. Runs ruff, ruff format, mypy, import-linter and pytest (Qt offscreen),
# carries on after a failing check so one run shows every problem, and exits non-zero
# if any check failed. pytest collecting no tests (exit code 5) counts as a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1
export PYTHONDONTWRITEBYTECODE=1

section() {
    printf '\n==== %s ====\n' "$*"
}

in_venv() {
    command -v python >/dev/null 2>&1 &&
        python -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null
}

if ! in_venv; then
    if [[ ! -x .venv/bin/python ]]; then
        section "Creating the virtual environment .venv"
        "${PYTHON:-python3}" -m venv .venv
    fi
    # shellcheck disable=SC1091
    source .venv/bin/activate
fi

if ! python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "DeepDive needs Python 3.11 or newer; $(command -v python) is $(python -V 2>&1)." >&2
    exit 2
fi

section "Installing DeepDive with its test dependencies ($(python -V), $(python -c 'import sys; print(sys.prefix)'))"
# The build backend too (pyproject's [build-system] requires), so that
# tests/test_packaging.py can build the wheel without network access.
mapfile -t build_requires < <(python - <<'EOF'
import tomllib

with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["build-system"]["requires"]))
EOF
)
python -m pip install --progress-bar off -q "${build_requires[@]}"
python -m pip install --progress-bar off -q -e ".[test]"

# mypy checks what [tool.mypy] names in `files`; without that setting, the package
# (its `exclude` still keeps the UI and the migration scripts out).
mypy_args=()
if ! python - <<'EOF'
import sys
import tomllib

with open("pyproject.toml", "rb") as f:
    sys.exit(0 if tomllib.load(f).get("tool", {}).get("mypy", {}).get("files") else 1)
EOF
then
    mypy_args=(deepdive)
fi
scripts_dir="$(python -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"

failed=()
run_check() {
    local name="$1"
    shift
    section "$name"
    local start=$SECONDS rc=0
    "$@" || rc=$?
    if [[ $rc -eq 0 ]]; then
        echo "-- $name: passed ($((SECONDS - start)) s)"
    else
        if [[ $name == pytest && $rc -eq 5 ]]; then
            echo "-- pytest collected no tests: that counts as a failure." >&2
        fi
        echo "-- $name: FAILED with exit code $rc ($((SECONDS - start)) s)" >&2
        failed+=("$name")
    fi
}

run_check "ruff check" python -m ruff check .
run_check "ruff format --check" python -m ruff format --check .
run_check "mypy" python -m mypy "${mypy_args[@]}"
run_check "lint-imports" "$scripts_dir/lint-imports"
# Far from UTC (New Zealand time, as a POSIX rule so no time-zone database is needed):
# a test that only passes where the clock reads UTC fails here.
run_check pytest env QT_QPA_PLATFORM=offscreen TZ="${DEEPDIVE_TEST_TZ:-NZST-12NZDT,M9.5.0,M4.1.0/3}" \
    python -m pytest "$@"

section "Summary"
if [[ ${#failed[@]} -gt 0 ]]; then
    (IFS=,; echo "FAILED: ${failed[*]}" | sed 's/,/, /g') >&2
    exit 1
fi
echo "All checks passed."
