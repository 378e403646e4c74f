#!/usr/bin/env bash
# Installs what the browser and e2e suites need beyond `npm ci`:
#   - Debian's Chromium (driven by playwright-core) and ripgrep (code-server's search/quick open);
#   - code-server into a cache folder OUTSIDE the repo, so clean clones and CI reuse it.
# Idempotent: a complete cache is marked with a file written only after every step succeeded,
# so a half-finished install is thrown away and redone. Safe to run with no stdin (CI).
#
# code-server's own postinstall refuses to run as root and downloads things, so its steps are
# done by hand here (see shared notes "vscode-e2e"). Every native rebuild is checked by looking
# for its .node file: npm 11 may skip install scripts that its allowScripts policy has not
# approved, and only prints a warning when it does.
set -euo pipefail

started=$SECONDS
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[setup-test-deps] %s\n' "$*"; }
die() { printf '[setup-test-deps] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# ---- Chromium + ripgrep, and the toolchains that check generated code (Debian packages) ----
# gofmt, ruby and php let the responder's code answers be parsed, not just read (test/unit/responder-code).
chromium_bin="$(node --input-type=module -e "import { chromiumPath } from '$here/paths.mjs'; console.log(chromiumPath() ?? '')")"
if [ -z "$chromium_bin" ] || ! command -v rg >/dev/null 2>&1 || ! command -v gofmt >/dev/null 2>&1 || ! command -v ruby >/dev/null 2>&1 || ! command -v php >/dev/null 2>&1; then
  log "installing Debian packages: chromium ripgrep golang-go ruby php-cli"
  t=$SECONDS
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium ripgrep golang-go ruby php-cli </dev/null
  log "apt packages installed in $((SECONDS - t)) s"
  chromium_bin="$(node --input-type=module -e "import { chromiumPath } from '$here/paths.mjs'; console.log(chromiumPath() ?? '')")"
  [ -n "$chromium_bin" ] || die "chromium still not found after apt-get install"
fi
command -v rg >/dev/null 2>&1 || die "ripgrep (rg) not found after apt-get install"

# ---- Container and proxy tests: buildah + debootstrap (image built on a stand-in base), nginx, python3 ----
if ! command -v buildah >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
  log "installing Debian packages: buildah debootstrap nginx-light python3"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends buildah debootstrap nginx-light python3 </dev/null
fi

log "chromium: $chromium_bin"

# ---- the bench's load client: wrk, and cc + libssl headers for its mTLS shim (scripts/bench/wrk-mtls.c) ----
if ! command -v wrk >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1 || [ ! -f /usr/include/openssl/ssl.h ]; then
  log "installing Debian packages: wrk gcc libssl-dev"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk gcc libssl-dev </dev/null
fi

# ---- code-server ----------------------------------------------------------------------------
version="$(node --input-type=module -e "import { CODE_SERVER_VERSION } from '$here/paths.mjs'; console.log(CODE_SERVER_VERSION)")"
cache="$(node --input-type=module -e "import { cacheDir } from '$here/paths.mjs'; console.log(cacheDir())")"
dir="$cache/code-server-$version"
marker="$dir/.install-complete"  # codeServerPath() in paths.mjs checks this marker too
cs="$dir/node_modules/code-server"
vs="$cs/lib/vscode"
entry="$cs/out/node/entry.js"

if [ -f "$marker" ] && [ -f "$entry" ]; then
  log "code-server $version already installed in $dir"
  log "done in $((SECONDS - started)) s"
  exit 0
fi

log "installing code-server $version into $dir"
t_cs=$SECONDS
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# Node's headers ship with the machine; point node-gyp at them so it never tries to download.
nodedir="$(npm config get nodedir 2>/dev/null || true)"
if [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ "$nodedir" = "null" ]; then
  nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
fi
[ -f "$nodedir/include/node/node.h" ] || die "Node headers not found under $nodedir/include/node (set npm_config_nodedir)"
export npm_config_nodedir="$nodedir"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# A private package.json, so npm treats this folder as its own project and the allowScripts
# policy (advisory in npm 11.19, enforced later) explicitly covers the packages rebuilt below.
cat >package.json <<'JSON'
{ "name": "mock-gpt-e2e-code-server", "private": true, "version": "0.0.0",
  "allowScripts": { "argon2": true } }
JSON

need_file() { [ -f "$1" ] || die "$2: expected $1 to exist after the build. npm may have skipped its install script (allowScripts) or the compile failed; see the output above."; }
first_node_file() { find "$1" -name '*.node' -type f -print -quit 2>/dev/null || true; }
# Loads a native module the way code-server will, from the folder that depends on it.
need_loadable() { (cd "$1" && node -e "require('$2')" </dev/null) || die "$2: built but cannot be loaded from $1"; }

t=$SECONDS
npm install --no-save --ignore-scripts "code-server@$version" </dev/null
log "  npm install code-server: $((SECONDS - t)) s"
need_file "$entry" "code-server"

# argon2: its prebuilt download fails offline, so build from source.
t=$SECONDS
npm rebuild --foreground-scripts argon2 </dev/null
argon_node="$(first_node_file "$dir/node_modules/argon2/lib/binding")"
[ -n "$argon_node" ] || die "argon2: no .node file under lib/binding after npm rebuild (skipped by allowScripts, or the compile failed)"
need_loadable "$dir" argon2
log "  argon2 built: $argon_node ($((SECONDS - t)) s)"

# VS Code's server dependencies.
t=$SECONDS
(cd "$vs" && npm install --omit=dev --ignore-scripts </dev/null)
(cd "$vs" && npm rebuild --foreground-scripts @vscode/spdlog @vscode/deviceid native-watchdog </dev/null)
for pkg in @vscode/spdlog native-watchdog; do
  [ -n "$(first_node_file "$vs/node_modules/$pkg/build")" ] || die "$pkg: no .node file after npm rebuild (skipped by allowScripts, or the compile failed)"
  need_loadable "$vs" "$pkg"
done
# @vscode/deviceid only compiles a native part on Windows; check it at least built or is pure JS on Linux.
[ -d "$vs/node_modules/@vscode/deviceid" ] || die "@vscode/deviceid missing from lib/vscode/node_modules"
log "  lib/vscode deps + spdlog/watchdog: $((SECONDS - t)) s"

# node-pty: its postinstall runs `npx node-gyp`, which fails here; call npm's bundled node-gyp.
t=$SECONDS
node_gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || node_gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$node_gyp" ] || die "node-gyp not found next to npm"
(cd "$vs/node_modules/node-pty" && node "$node_gyp" rebuild --nodedir="$nodedir" </dev/null)
need_file "$vs/node_modules/node-pty/build/Release/pty.node" "node-pty"
need_loadable "$vs" node-pty
log "  node-pty built: $((SECONDS - t)) s"

# The symlinks code-server's postinstall would create.
ln -sfn node_modules "$vs/node_modules.asar"
ln -sfn code-linux.sh "$vs/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vs/bin/helpers/browser.sh"

# Built-in extensions' runtime dependencies.
t=$SECONDS
(cd "$vs/extensions" && npm install --omit=dev </dev/null)
log "  built-in extensions deps: $((SECONDS - t)) s"

# ripgrep: @vscode/ripgrep's postinstall downloads from GitHub; use Debian's instead.
rg_dir="$vs/node_modules/@vscode/ripgrep"
[ -d "$rg_dir" ] || die "@vscode/ripgrep missing from lib/vscode/node_modules"
mkdir -p "$rg_dir/bin"
ln -sfn "$(command -v rg)" "$rg_dir/bin/rg"
"$rg_dir/bin/rg" --version >/dev/null || die "linked rg does not run"

# Smoke check: the server binary starts far enough to print its version.
node "$entry" --version </dev/null >/dev/null || die "code-server --version failed"

date -u +%FT%TZ >"$marker"
log "code-server $version installed in $((SECONDS - t_cs)) s ($(du -sh "$dir" | cut -f1))"
log "done in $((SECONDS - started)) s"
