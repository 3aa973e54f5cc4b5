#!/usr/bin/env bash
# Margin's one-stop set-up: `bash packaging/dev.sh run` opens the app, `bash packaging/dev.sh test`
# runs the whole suite (ruff, mypy, pytest). Both create .venv when missing or out of date and,
# on Debian, install the system libraries Qt needs (as root) or print the apt-get line to run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${MARGIN_VENV:-$ROOT/.venv}
what=${1:-}
shift || true

# Qt's offscreen platform and a font (the PySide6 wheel ships none).
DEBS_CORE="libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 fonts-dejavu-core"
# A real window under X11.
DEBS_WINDOW="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0"
# Tests read PDFs back with poppler's tools and validate the desktop and AppStream files.
DEBS_TEST="poppler-utils desktop-file-utils appstream"

say() { printf 'margin: %s\n' "$*" >&2; }

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

ensure_debs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: nothing to check
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "Qt needs these Debian packages; please run:"
    printf '  sudo apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    exit 1
  fi
}

ensure_venv() {
  local py stamp want
  py=$(find_python) || { say "Python 3.11 or newer is needed (apt-get install python3)"; exit 1; }
  if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
    ensure_debs python3-venv
  fi
  want=$(sha256sum pyproject.toml | cut -c1-16)
  stamp="$VENV/.margin-installed"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$py" -m venv "$VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Margin and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

case "$what" in
  run)
    # shellcheck disable=SC2086
    ensure_debs $DEBS_CORE $DEBS_WINDOW
    ensure_venv
    exec "$VENV/bin/reader" "$@"
    ;;
  test)
    # shellcheck disable=SC2086
    ensure_debs $DEBS_CORE $DEBS_TEST
    ensure_venv
    export QT_QPA_PLATFORM=offscreen
    say "ruff"; "$VENV/bin/ruff" check reader tests benchmarks scripts
    say "mypy"; "$VENV/bin/mypy"
    say "pytest"; exec "$VENV/bin/pytest" -q -p no:cacheprovider "$@"
    ;;
  *)
    echo "usage: bash packaging/dev.sh run [reader arguments] | test [pytest arguments]" >&2
    exit 2
    ;;
esac
