#!/bin/bash
# What students write on a Docker host, as root: folders and files anywhere.
set -e
mkdir -p /srv/site
echo "<h1>site in /srv/site</h1>" > /srv/site/index.html
docker run -d --name site -p 8080:80 -v /srv/site:/usr/share/nginx/html nginx:alpine
# /data does not exist: the engine creates it, as on a host.
docker run --rm -v /data:/x alpine:latest sh -c 'echo "from a container" > /x/written-by-container'
echo "Bienvenue" > /etc/motd
echo "127.0.0.1 mysite" >> /etc/hosts
# 64 MiB that must land in the sandbox's tmpfs, never in its layer on the host's disk.
dd if=/dev/zero of=/opt/big bs=1M count=64 status=none
