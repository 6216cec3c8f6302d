#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller: dist/DeepDive/DeepDive.
#
#     scripts/build_app.sh                        # build into dist/, then check it
#     scripts/build_app.sh --dist DIR --work DIR  # build elsewhere (the app in DIR/DeepDive)
#     scripts/build_app.sh --no-check             # build only
#
# Uses the active virtual environment, or creates/reuses .venv in the repository.
# Installs DeepDive with its "build" extra (PyInstaller; editable, so the bundled
# metadata carries pyproject's version), builds from build_app.spec, prints the size,
# then runs scripts/check_built_app.py on the result (--version, demo, export, the
# window) unless --no-check is given.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1

dist=dist
work=build/pyinstaller
check=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dist) dist="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --no-check) check=0; shift ;;
        *)
            echo "usage: scripts/build_app.sh [--dist DIR] [--work DIR] [--no-check]" >&2
            exit 2
            ;;
    esac
done

section() {
    printf '\n==== %s ====\n' "$*"
}

if ! { command -v python >/dev/null 2>&1 &&
    python -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null; }; then
    if [[ ! -x .venv/bin/python ]]; then
        section "Creating the virtual environment .venv"
        "${PYTHON:-python3}" -m venv .venv
    fi
    # shellcheck disable=SC1091
    source .venv/bin/activate
fi

section "Installing DeepDive and PyInstaller ($(python -V))"
python -m pip install --progress-bar off -q -e ".[build]"

section "Building $dist/DeepDive"
start=$SECONDS
python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" build_app.spec
echo "Built $dist/DeepDive in $((SECONDS - start)) s: $(du -sh "$dist/DeepDive" | cut -f1)"

if [[ $check -eq 1 ]]; then
    python scripts/check_built_app.py --app "$dist/DeepDive"
fi
