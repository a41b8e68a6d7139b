#!/usr/bin/env bash
# Runs every test of OpenITA. Installs what the tests need when it is missing, so that it passes on a fresh machine.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The tests start hundreds of application hosts; none needs its files watched (configuration, or wwwroot for the
# pages' asp-append-version), and each watcher takes an inotify instance: 128 per user by default, which the suite
# exceeded, and pages answered 500. Polling watchers take none.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=1

# Debian packages the tests use (installed only when missing; root or sudo needed then).
packages=()
need() { dpkg -s "$1" >/dev/null 2>&1 || packages+=("$1"); }
need postgresql-15   # web tests run on PostgreSQL too; the benchmark cross-check runs its SQL there
need chromium        # the end-to-end tests drive Debian's Chromium (/usr/bin/chromium) through Playwright
need chromium-headless-shell # PDF printing uses Chromium's headless shell when it is installed (the same PDF, faster)
need fonts-thai-tlwg # Thai fonts, so that the pages (and the screenshots the tests save) render Thai
need libreoffice-writer-nogui # the report tests convert the generated DOCX to PDF with LibreOffice headless
need poppler-utils   # pdftotext, pdffonts: the report tests read the generated PDFs back
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]} ..."
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet on PATH)." >&2; exit 1; }
# Local tools (.config/dotnet-tools.json: dotnet-ef, for adding migrations), so a developer's machine has them too.
dotnet tool restore >/dev/null || echo "warning: dotnet tool restore failed (only adding migrations needs dotnet-ef; the tests do not)" >&2

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test OpenIta.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# One closing line for people and CI: the sums of every test project's counts.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
[ "$status" -eq 0 ] && grep -q '^Passed!' "$log" || status=1
exit $status
