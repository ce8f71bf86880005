#!/usr/bin/env bash
# Idempotent set-up of a fresh Debian/Ubuntu machine for OrderDesk.
#
#   scripts/bootstrap.sh          runtime: Qt libraries, CJK fonts, venv, app deps
#   scripts/bootstrap.sh --test   also: PostgreSQL server, Xvfb tools, dev deps
#
# System packages are installed only when missing ("apt-get update" runs at
# most once, and only then). The virtualenv lives in $REPO/.venv; pip runs only
# when requirements*.txt or pyproject.toml changed since the last successful
# install (a hash is kept in .venv/.orderdesk-req-hash).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
HASH_FILE="$VENV/.orderdesk-req-hash"
PYTHON="${PYTHON:-python3}"

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

with_test=0
for arg in "$@"; do
    case "$arg" in
        --test) with_test=1 ;;
        -h|--help)
            sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *) die "unknown argument: $arg (expected --test)" ;;
    esac
done

# Fail fast if the project files that pip needs are missing.
[[ -f "$REPO/requirements.txt" ]] \
    || die "requirements.txt not found in $REPO (it lists the app's pinned dependencies)"
[[ -f "$REPO/pyproject.toml" ]] \
    || die "pyproject.toml not found in $REPO (needed for 'pip install -e .')"
if ((with_test)); then
    [[ -f "$REPO/requirements-dev.txt" ]] \
        || die "requirements-dev.txt not found in $REPO (needed with --test)"
fi

# ---------------------------------------------------------------------------
# System packages
# ---------------------------------------------------------------------------
# Each entry is a package name, or alternatives separated by "|" (first one
# that the archive has wins when installing; any installed one satisfies the
# entry). The "t64" alternatives are the names used by Ubuntu 24.04+ and
# Debian 13+ after the 64-bit time_t transition.
RUNTIME_PKGS=(
    libgl1 libegl1 libfontconfig1 libxkbcommon0 "libglib2.0-0t64|libglib2.0-0"
    libdbus-1-3 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4
    libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
    libxcb-shape0 libxcb-xkb1 libxcb-xfixes0 libxcb-sync1 libxcb-shm0
    libxcb-glx0 libxcb-util1 "libcups2t64|libcups2"
    fonts-wqy-microhei fonts-wqy-zenhei
    libpulse0  # Qt Multimedia's audio: the pack station's beeps and spoken refusals (silent without)
)
TEST_PKGS=(postgresql xvfb xauth xdotool poppler-utils
           cups cups-client printer-driver-cups-pdf zbar-tools)

pkg_installed() {
    local status
    status="$(dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null || true)"
    [[ "$status" == *" ok installed"* ]]
}

entry_installed() {
    local alt
    local -a alts
    IFS='|' read -r -a alts <<<"$1"
    for alt in "${alts[@]}"; do
        pkg_installed "$alt" && return 0
    done
    return 1
}

# Pick the first alternative that has an install candidate (needs apt lists).
entry_resolve() {
    local alt candidate
    local -a alts
    IFS='|' read -r -a alts <<<"$1"
    for alt in "${alts[@]}"; do
        candidate="$(apt-cache policy "$alt" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')"
        if [[ -n "$candidate" && "$candidate" != "(none)" ]]; then
            printf '%s\n' "$alt"
            return 0
        fi
    done
    # Nothing found: hand the last (classic) name to apt so its error is shown.
    printf '%s\n' "${alts[-1]}"
}

as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

wanted=("${RUNTIME_PKGS[@]}")
if ((with_test)); then
    wanted+=("${TEST_PKGS[@]}")
fi
# Debian/Ubuntu ship venv's ensurepip separately (python3-venv); "--help"
# works without it, so check ensurepip too.
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    [[ "$PYTHON" == python3 ]] || die "PYTHON=$PYTHON not found"
    wanted+=(python3 python3-venv)
elif ! "$PYTHON" -m venv --help >/dev/null 2>&1 \
    || ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
    wanted+=(python3-venv)
fi

missing=()
for entry in "${wanted[@]}"; do
    entry_installed "$entry" || missing+=("$entry")
done

if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 \
        || die "missing system packages (${missing[*]}) and apt-get is not available; install them by hand"
    # apt's chatter goes to a log that is shown only when something fails.
    apt_log="$(mktemp "${TMPDIR:-/tmp}/orderdesk-apt.XXXXXX")"
    trap 'rm -f "$apt_log"' EXIT
    apt_fail() {
        tail -n 40 "$apt_log" >&2
        die "$1 failed (output above)"
    }
    say "updating apt package lists"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update >"$apt_log" 2>&1 \
        || apt_fail "apt-get update"
    to_install=()
    for entry in "${missing[@]}"; do
        to_install+=("$(entry_resolve "$entry")")
    done
    say "installing apt packages: ${to_install[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${to_install[@]}" >"$apt_log" 2>&1 \
        || apt_fail "apt-get install"
    rm -f "$apt_log"
else
    say "apt packages: all present"
fi

# ---------------------------------------------------------------------------
# Python virtualenv
# ---------------------------------------------------------------------------
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$("$PYTHON" --version 2>&1) is too old: OrderDesk needs Python 3.11+ (set PYTHON=python3.11 or newer)"

# Hash of the given files (names and contents) plus the mode.
req_hash() {
    local mode="$1"; shift
    {
        printf 'mode=%s\n' "$mode"
        local f
        for f in "$@"; do
            printf '== %s\n' "$(basename "$f")"
            cat "$f"
        done
    } | sha256sum | awk '{print $1}'
}

hash_base="$(req_hash base "$REPO/requirements.txt" "$REPO/pyproject.toml")"
hash_test=""
if [[ -f "$REPO/requirements-dev.txt" ]]; then
    hash_test="$(req_hash test "$REPO/requirements.txt" "$REPO/requirements-dev.txt" "$REPO/pyproject.toml")"
fi

if [[ -e "$VENV" ]] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "virtualenv at $VENV is broken; recreating it"
    rm -rf "$VENV"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    say "creating virtualenv at $VENV"
    "$PYTHON" -m venv "$VENV"
fi

stored=""
[[ -f "$HASH_FILE" ]] && stored="$(cat "$HASH_FILE")"

# A test-mode install (a superset) also satisfies the runtime mode.
if ((with_test)); then
    wanted_hash="$hash_test"
    up_to_date=0; [[ "$stored" == "$hash_test" ]] && up_to_date=1
else
    wanted_hash="$hash_base"
    up_to_date=0
    [[ "$stored" == "$hash_base" || ( -n "$hash_test" && "$stored" == "$hash_test" ) ]] && up_to_date=1
fi

if ((up_to_date)); then
    say "python packages: up to date"
else
    pip_args=(-r "$REPO/requirements.txt")
    req_names="requirements.txt"
    if ((with_test)); then
        pip_args+=(-r "$REPO/requirements-dev.txt")
        req_names+=" requirements-dev.txt"
    fi
    say "installing python packages: $req_names"
    rm -f "$HASH_FILE"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q "${pip_args[@]}"
    say "installing orderdesk (editable)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-deps -e "$REPO"
    printf '%s\n' "$wanted_hash" >"$HASH_FILE"
fi

say "ready"
