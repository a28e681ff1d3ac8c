#!/usr/bin/env bash
# System packages the tests need: Debian's chromium (browser tests via Playwright's
# executable_path), redis-server (distributed crawling), a CJK font (readable screenshots), the
# PostgreSQL 15 server (the ops-DB tests start one on 127.0.0.1) and wrk (bench/api's load generator).
# Java 17 (Spark) comes with the machine image. Installs only what is missing; needs root (as CI and the dev machines are).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
# a CJK font, so browser-test screenshots of the Chinese maps and dashboard are readable
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
