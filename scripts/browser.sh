#!/usr/bin/env bash
# The headless browser the summary-timeline test renders Mermaid in. Prints its path. $CHROMIUM, or a
# Chromium/Chrome already on the machine (GitHub's runners have one), else Debian's chromium from the
# machine's own apt sources, with a font to measure text with. Idempotent; installing needs root.
set -euo pipefail

log() { printf '[browser] %s\n' "$*" >&2; }

works() { "$1" --version >/dev/null 2>&1; }

for b in "${CHROMIUM:-}" chromium google-chrome chromium-browser; do
  [ -n "$b" ] || continue
  p=$(command -v "$b" 2>/dev/null) || continue
  if works "$p"; then
    echo "$p"
    exit 0
  fi
done

command -v apt-get >/dev/null || { log "no Chromium found and no apt-get to install one: set CHROMIUM"; exit 1; }
log "apt-get install chromium fonts-liberation"
export DEBIAN_FRONTEND=noninteractive
apt-get -q update >/dev/null
apt-get -q install -y --no-install-recommends chromium fonts-liberation >/dev/null
p=$(command -v chromium) && works "$p" || { log "chromium did not install"; exit 1; }
echo "$p"
