#!/usr/bin/env bash
# Put the analysts' models live on a running Activity Flow, without a rebuild.
#
#   src/main/scripts/models.sh validate            # check the app's models folder
#   src/main/scripts/models.sh deploy              # validate, then deploy what changed
#   src/main/scripts/models.sh migrate <process>   # dry run: which running instances can move
#   src/main/scripts/models.sh migrate <process> --apply
#   src/main/scripts/models.sh audit               # who deployed what, newest first
#
# Environment: ACTIVITYFLOW_URL (default http://localhost:8080); TOKEN, or ACTIVITYFLOW_USER and
# ACTIVITYFLOW_PASSWORD for the embedded profile's token endpoint (default admin/admin there).
# The app reads the models from its ACTIVITYFLOW_MODELS_DIR (default: its working directory).
set -euo pipefail
url="${ACTIVITYFLOW_URL:-http://localhost:8080}"

token() {
  if [ -n "${TOKEN:-}" ]; then echo "$TOKEN"; return; fi
  curl -fsS -X POST "$url/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${ACTIVITYFLOW_USER:-admin}\",\"password\":\"${ACTIVITYFLOW_PASSWORD:-admin}\"}" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

call() { # method path
  local status
  status=$(curl -sS -o /tmp/activityflow-models.$$ -w '%{http_code}' -X "$1" "$url$2" -H "Authorization: Bearer $(token)")
  cat /tmp/activityflow-models.$$; echo; rm -f /tmp/activityflow-models.$$
  [ "$status" -lt 400 ] || { echo "failed: HTTP $status" >&2; exit 1; }
}

case "${1:-}" in
  validate) call POST /api/admin/models/validate ;;
  deploy) call POST /api/admin/models/deploy ;;
  migrate)
    [ -n "${2:-}" ] || { echo "usage: $0 migrate <process key> [--apply]" >&2; exit 2; }
    dry=true; [ "${3:-}" = "--apply" ] && dry=false
    call POST "/api/admin/processes/$2/migrate?dry_run=$dry" ;;
  audit) call GET /api/admin/models/deployments ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
