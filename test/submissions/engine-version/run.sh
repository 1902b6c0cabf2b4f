#!/bin/bash
# Says which engine it met, then makes what the limits rubric checks.
docker version --format 'server {{.Server.Version}}'
docker compose version
docker volume create marker
