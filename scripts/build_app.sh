#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller: dist/DeepDive/DeepDive.
#
# Uses the active virtual environment, or creates/reuses .venv in the repository.
# Installs DeepDive (editable, so the bundled metadata carries pyproject's version)
# and PyInstaller, builds from build_app.spec, then smoke-tests the result.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1

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
python -m pip install --progress-bar off -q -e . "pyinstaller>=6.3"

section "Building dist/DeepDive"
python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller build_app.spec

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) app=dist/DeepDive/DeepDive.exe ;;
    *) app=dist/DeepDive/DeepDive ;;
esac

section "Smoke test"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export DEEPDIVE_DATA_DIR="$scratch/data"
"$app" --version
"$app" demo --workspace "$scratch/smoke.deepdive"
"$app" cases --workspace "$scratch/smoke.deepdive"
du -sh dist/DeepDive
echo "Built $app"
