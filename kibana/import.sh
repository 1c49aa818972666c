#!/usr/bin/env bash
# Imports the harassment-watch Kibana saved objects (data views, saved searches, visualizations, dashboard)
# into Kibana 8.x with POST /api/saved_objects/_import?overwrite=true. Importing again updates them in place.
#
#   kibana/import.sh KIBANA_URL [USER]
#
# USER: basic-auth user; the password comes from $KIBANA_PASSWORD, else curl asks for it (it never appears on a
# command line). Optional environment:
#   KIBANA_API_KEY   API key (base64 id:key) instead of a user
#   KIBANA_SPACE     space id to import into (default: the default space)
#   KIBANA_CA_CERT   CA certificate (PEM) to trust for an https Kibana
#   HW_PREFIX        index prefix the job writes with, if not hw- (e.g. acme-): data views then read acme-campaigns*, ...
#
# Exit codes: 0 imported, 1 Kibana refused some or all objects (printed), 2 bad usage.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
file="$here/harassment-watch.ndjson"

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
case "$1" in -h|--help) usage ;; esac
url="${1%/}"
user="${2:-}"
[[ "$url" =~ ^https?://[^/]+ ]] || { echo "import.sh: KIBANA_URL must start with http:// or https://, got '$1'" >&2; exit 2; }
if [[ -n "$user" && -n "${KIBANA_API_KEY:-}" ]]; then
  echo "import.sh: give either USER or KIBANA_API_KEY, not both" >&2
  exit 2
fi

prefix="${HW_PREFIX:-hw-}"
[[ "$prefix" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || { echo "import.sh: HW_PREFIX '$prefix' is not a valid index prefix" >&2; exit 2; }
space="${KIBANA_SPACE:-}"
[[ -z "$space" || "$space" =~ ^[a-z0-9_-]+$ ]] || { echo "import.sh: KIBANA_SPACE '$space' is not a space id" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
upload="$work/harassment-watch.ndjson"
# Only data view titles start with "hw-" (a test checks), so this changes index patterns and nothing else.
sed "s/\"title\":\"hw-/\"title\":\"${prefix}/g" "$file" > "$upload"

# Secrets go to curl through a config on stdin, not through its arguments (visible in ps).
quote() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
config="$work/curl.config"
: > "$config"
chmod 600 "$config"
if [[ -n "${KIBANA_API_KEY:-}" ]]; then
  printf 'header = %s\n' "$(quote "Authorization: ApiKey $KIBANA_API_KEY")" >> "$config"
elif [[ -n "$user" && -n "${KIBANA_PASSWORD:-}" ]]; then
  printf 'user = %s\n' "$(quote "$user:$KIBANA_PASSWORD")" >> "$config"
elif [[ -n "$user" ]]; then
  printf 'user = %s\n' "$(quote "$user")" >> "$config"   # curl prompts for the password
fi

endpoint="$url${space:+/s/$space}/api/saved_objects/_import?overwrite=true"
args=(--silent --show-error --config "$config" -X POST "$endpoint" -H 'kbn-xsrf: true'
      --form "file=@$upload;type=application/ndjson" -o "$work/response.json" -w '%{http_code}')
[[ -n "${KIBANA_CA_CERT:-}" ]] && args+=(--cacert "$KIBANA_CA_CERT")

status="$(curl "${args[@]}")" || { echo "import.sh: cannot reach Kibana at $url" >&2; exit 1; }
body="$(cat "$work/response.json")"
objects="$(grep -c . "$file")"

if [[ "$status" == 200 && "$body" == *'"success":true'* ]]; then
  echo "imported $objects saved objects into $url${space:+ (space $space)} with index prefix $prefix"
  echo "open Dashboards > 'harassment-watch: overview', or Discover > Open > 'Campaigns: critical and high, last 24 h'"
  exit 0
fi
echo "import.sh: Kibana answered HTTP $status:" >&2
if command -v jq >/dev/null 2>&1 && jq -e . >/dev/null 2>&1 <<<"$body"; then
  jq -r '(.errors // [])[] | "  \(.type)/\(.id) \(.title // ""): \(.error.type // "") \(.error.message // "" ) \(.error.references // [] | map("\(.type)/\(.id)") | join(", "))"' <<<"$body" >&2
  jq -r 'if .successCount then "  \(.successCount) of '"$objects"' objects imported" else .message // empty end' <<<"$body" >&2
else
  echo "$body" >&2
fi
exit 1
