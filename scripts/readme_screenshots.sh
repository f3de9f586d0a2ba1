#!/usr/bin/env bash
# Re-takes the README's pictures (docs/screenshot.png, docs/log-viewer.png) at the default window
# size: a virtual screen of 1600×1000, whose work area's 80% is the 1280×800 first window.
# Usage: scripts/readme_screenshots.sh [path/to/tftsr]   (default: build/debug/app/tftsr)
set -euo pipefail
cd "$(dirname "$0")/.."
tftsr=$(realpath "${1:-build/debug/app/tftsr}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TFTSR_DB_KEY=readme-demo-passphrase
repo=$(pwd)
cd "$work"  # the status bar shows the data folder: a short relative one
data=data

new_incident() {  # title severity domain [description] -> prints the id
  "$tftsr" issue new --data-dir "$data" --json --title "$1" --severity "$2" --category "$3" ${4:+--description "$4"} |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
new_incident "Expired TLS certificate on intranet portal" P3 security_vault >/dev/null
new_incident "PostgreSQL replica lag above 10 minutes" P2 databases >/dev/null
new_incident "Kafka consumer group lag on orders topic" P2 application_jvm >/dev/null
new_incident "Kubelet evicting pods on worker-7 (disk pressure)" P2 kubernetes >/dev/null
id=$(new_incident "Checkout API returns 502 after nginx reload" P1 network \
  "Since 09:40 UTC about 30% of checkout requests fail with 502 Bad Gateway. Started right after the config reload on lb-02; the upstream pool still lists the two retired app servers, and the health checks of the new ones time out.")

log="$work/nginx.log"
for i in $(seq 0 399); do
  t=$(printf '2026-11-23 09:%02d:%02d' $((40 + i / 60)) $((i % 60)))
  case $((i % 9)) in
    0) echo "$t ERROR [upstream] connect() failed (111: Connection refused) while connecting to upstream 10.20.$((i % 7)).14:8080, client: 192.168.4.$((i % 200))" ;;
    3) echo "$t WARN  [auth] login retry for user user$i@example.com from 192.168.4.$((i % 200)) after upstream timeout on /api/checkout" ;;
    5) echo "$t INFO  [deploy] config reload by ops password=Hunter$i! token=ghp_$(printf '%036d' $i)" ;;
    *) echo "$t INFO  [http] GET /api/cart/$((1000 + i)) 200 in $((i % 50)) ms via lb-02 upstream app-$((i % 4)).internal" ;;
  esac
done > "$log"
log_id=$("$tftsr" log add --data-dir "$data" --json "$id" "$log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
"$tftsr" log scan --data-dir "$data" "$log_id" >/dev/null

shoot() {  # gui.json content, output
  rm -rf "$work/config"
  mkdir -p "$work/config/tftsr"
  printf '%s\n' "$1" > "$work/config/tftsr/gui.json"
  XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$tftsr" --data-dir "$data" --screenshot "$2"
}
shoot "{\"tabs\":[{\"kind\":\"dashboard\",\"pane\":\"centre\"},{\"kind\":\"incident\",\"id\":\"$id\",\"pane\":\"centre\",\"active\":true}]}" \
  "$repo/docs/screenshot.png"
shoot "{\"tabs\":[{\"kind\":\"incident\",\"id\":\"$id\",\"pane\":\"centre\"},{\"kind\":\"log\",\"id\":\"$log_id\",\"pane\":\"centre\",\"active\":true}]}" \
  "$repo/docs/log-viewer.png"
echo "docs/screenshot.png and docs/log-viewer.png re-taken"
