#!/bin/bash
# Compose under both of its names, and an empty project.
set -e
docker compose version --short
docker-compose ls --all
printf 'services:\n  idle:\n    image: alpine:latest\n' > compose.yaml
docker compose --project-name empty config --services
