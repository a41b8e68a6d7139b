#!/usr/bin/env bash
# Builds and starts the OpenITA web application in demo mode: ./run.sh (from any folder).
# Listens on http://127.0.0.1:5000 unless ASPNETCORE_URLS says otherwise. The database is SQLite at data/openita.db;
# on first start it is filled with the demo data (seed agencies and their published results, a synthetic province,
# one user per role), and the demo users' passwords (kept in data/demo-users.txt) are printed at every start.
# Delete data/ to start again with a new demo database. Needs only the .NET 10 SDK.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet on PATH)." >&2; exit 1; }

out="$root/artifacts/web"
dll="$out/OpenIta.Web.dll"
if [ ! -f "$dll" ] || [ -n "$(find "$root/src" "$root/frameworks" "$root/Directory.Build.props" "$root/Directory.Packages.props" -newer "$dll" -type f -print -quit)" ]; then
  echo "Building OpenITA (Release) ..."
  log="$(mktemp)"
  if ! dotnet publish "$root/src/OpenIta.Web" -c Release -o "$out" -nologo >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  touch "$dll"
fi

mkdir -p "$root/data"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5000}"
unset ConnectionStrings__OpenIta
export Database__Engine="sqlite"
export Database__Path="$root/data/openita.db"
export Demo__Enabled="true"
# EIT part 1's one-time codes go to a file in the demo (one line per SMS: phone<TAB>text), keyed with a phone key
# made once for this demo database (a production installation sets its own Surveys__PhoneKey and an http gateway).
export Sms__Provider="${Sms__Provider:-file}"
export Sms__File="${Sms__File:-$root/data/sms.txt}"
[ -f "$root/data/phone-key.txt" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$root/data/phone-key.txt"
export Surveys__PhoneKey="${Surveys__PhoneKey:-$(cat "$root/data/phone-key.txt")}"
cd "$out" # the content root: appsettings.json and wwwroot
exec dotnet "$dll"
