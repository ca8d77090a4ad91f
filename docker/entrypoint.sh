#!/bin/sh
# The image's entrypoint (run by tini, so signals reach node and zombies are reaped).
# An empty variable means "use the default": `docker run --env-file .env` with a .env copied from
# .env.example sets DATA_DIR= and HEALTH_PORT=, which must not override what the image needs.
set -eu
: "${DATA_DIR:=/data}"
: "${HEALTH_PORT:=8081}"
: "${HEALTH_HOST:=0.0.0.0}"
export DATA_DIR HEALTH_PORT HEALTH_HOST
exec "$@"
