/**
 * The sandbox image's contract with both sides: its docker and docker compose
 * shims (images/sandbox/docker-shim) append every command a submission's
 * script runs to this file, which the runner names and the graders read.
 */
export const DOCKER_COMMAND_LOG = "/var/log/labgrade/docker-commands";
