#!/bin/sh
# Creates its volume, then never ends (a script waiting for input or a service).
docker volume create marker
echo "waiting forever"
sleep 100000
