#!/usr/bin/env bash
# Makes sure a Docker engine answers. Where none does, installs Debian's
# docker.io (and debootstrap, for stand-in images) and starts dockerd in the
# background. Quiet when there is nothing to do.
set -euo pipefail

answers() { timeout 10 docker info >/dev/null 2>&1; }

if answers; then exit 0; fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "labgrade: no Docker engine answers and this machine cannot install one (needs root and apt-get)." >&2
    echo "labgrade: start Docker yourself (Docker Desktop, or your distribution's docker package), then run npm run setup again." >&2
    exit 3
  fi
  echo "labgrade: installing Debian's docker.io and debootstrap..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io debootstrap iptables >/dev/null
fi

log=/var/log/labgrade-dockerd.log
started=""
if ! pgrep -x dockerd >/dev/null 2>&1; then
  # A machine that restarted without stopping dockerd keeps its pid files,
  # and dockerd refuses to start while they exist. No dockerd runs: they are stale.
  rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
  echo "labgrade: starting dockerd in the background (log: $log)"
  nohup dockerd >"$log" 2>&1 &
  started=$!
fi

for _ in $(seq 60); do
  if answers; then exit 0; fi
  if [ -n "$started" ] && ! kill -0 "$started" 2>/dev/null; then
    echo "labgrade: dockerd stopped as it started; its last lines:" >&2
    tail -n 5 "$log" >&2
    exit 3
  fi
  sleep 1
done
echo "labgrade: dockerd did not answer within 60 s; see /var/log/labgrade-dockerd.log" >&2
exit 3
