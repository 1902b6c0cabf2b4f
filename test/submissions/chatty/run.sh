#!/bin/bash
# Creates its volume, then prints about 50 MB: only the tail may be kept.
docker volume create marker
yes "la même ligne, encore et encore — données" | head -c 50000000
echo
echo "LAST LINE"
