#!/bin/bash
# The LAMP lab graded by hand, the way an instructor without labgrade would:
# one Docker-in-Docker container, the images copied in with `docker save |
# docker load`, the student's script, then grep and inspect checks with waits,
# a restart and a re-creation. The bench times it beside `labgrade grade`.
# usage: SANDBOX_IMAGE=... IMAGES="host=upstream ..." bench/baseline-lamp.sh <submission-dir>
set -u
submission=$1
name=labgrade-bench-baseline-$$
score=0
trap 'docker rm -f -v "$name" >/dev/null 2>&1' EXIT

in_box() { docker exec "$name" "$@"; }
check() { # points title command...
  local points=$1 title=$2; shift 2
  if "$@" >/dev/null 2>&1; then score=$((score + points)); echo "ok   $points $title"; else echo "FAIL $points $title"; fi
}
wait_for() { # seconds command...
  local until=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do [ $SECONDS -ge $until ] && return 1; sleep 1; done
}

# The flags of labgrade's capabilities mode: this engine refuses --privileged.
docker run -d --label labgrade-bench=baseline --name "$name" --cgroupns private \
  --cap-add ALL --cap-drop SYS_RESOURCE --cap-drop SYS_MODULE --cap-drop SYS_RAWIO --cap-drop SYS_TIME --cap-drop SYS_BOOT \
  --cap-drop SYSLOG --cap-drop WAKE_ALARM --cap-drop BLOCK_SUSPEND --cap-drop MAC_ADMIN --cap-drop MAC_OVERRIDE --cap-drop AUDIT_CONTROL \
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined "$SANDBOX_IMAGE" >/dev/null || exit 3
wait_for 60 in_box docker info || { echo "no inner engine"; exit 3; }
hosts=()
for pair in $IMAGES; do hosts+=("${pair%%=*}"); done
docker save "${hosts[@]}" | docker exec -i "$name" docker load -q >/dev/null
for pair in $IMAGES; do in_box docker tag "${pair%%=*}" "${pair#*=}"; done
docker cp "$submission" "$name:/submission"
in_box bash -c 'cd /submission && timeout 300 bash lamp.sh' >/dev/null 2>&1

sql_ok() { in_box docker exec lamp-mysql mysql -uwebuser -pwebpass webapp -N -e 'SELECT DATABASE()' | grep -qx webapp; }
page_ok() { in_box curl -fs "http://localhost:8080/info.php?verification=$1" | grep -q "PHP Version" && in_box curl -fs "http://localhost:8080/info.php?verification=$1" | grep -q "$1"; }
inspect() { in_box docker inspect -f "$2" "$1"; }
stack_ok() { wait_for 90 page_ok alive && wait_for 90 sql_ok; }

check 3 "volumes" bash -c "docker exec $name docker volume ls -q | grep -qx mysql-data && docker exec $name docker volume ls -q | grep -qx web-content && docker exec $name docker volume ls -q | grep -qx user-uploads"
check 2 "mysql running" bash -c "docker exec $name docker inspect -f '{{.State.Running}} {{.Config.Image}} {{.Config.Env}}' lamp-mysql | grep -q '^true mysql:8.0 .*MYSQL_DATABASE=webapp' && docker exec $name docker inspect -f '{{.Config.Env}}' lamp-mysql | grep -q MYSQL_USER=webuser"
check 2 "mysql volume" bash -c "docker exec $name docker inspect -f '{{range .Mounts}}{{.Type}}:{{.Name}}:{{.Destination}} {{end}}' lamp-mysql | grep -q 'volume:mysql-data:/var/lib/mysql'"
check 3 "webapp db" wait_for 90 sql_ok
check 2 "web running" bash -c "docker exec $name docker inspect -f '{{.State.Running}} {{.Config.Image}}' lamp-web | grep -qx 'true php:7.4-apache' && docker exec $name docker port lamp-web 80 | grep -q ':8080$'"
check 2 "web volumes" bash -c "docker exec $name docker inspect -f '{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}' lamp-web | grep -q 'web-content:/var/www/html ' && docker exec $name docker inspect -f '{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}' lamp-web | grep -q 'user-uploads:/var/www/html/uploads'"
check 1 "web reaches db" wait_for 30 in_box docker exec lamp-web bash -c '</dev/tcp/mysql/3306'
token=check$RANDOM$RANDOM
check 2 "info.php" wait_for 30 page_ok "$token"
check 1 "info.php in volume" in_box docker run --rm -v web-content:/v alpine:latest grep -q phpinfo /v/info.php

in_box docker stop lamp-web lamp-mysql >/dev/null 2>&1
in_box docker start lamp-mysql lamp-web >/dev/null 2>&1
check 1 "survives restart" stack_ok

# Re-creation: the containers as the lab statement describes them, on the same volumes.
in_box docker rm -f lamp-web lamp-mysql >/dev/null 2>&1
in_box docker run -d --name lamp-mysql -e MYSQL_ROOT_PASSWORD=rootpass -e MYSQL_DATABASE=webapp -e MYSQL_USER=webuser -e MYSQL_PASSWORD=webpass \
  -v mysql-data:/var/lib/mysql mysql:8.0 >/dev/null 2>&1
in_box docker run -d --name lamp-web --link lamp-mysql:mysql -p 8080:80 -v web-content:/var/www/html -v user-uploads:/var/www/html/uploads php:7.4-apache >/dev/null 2>&1
check 1 "survives re-creation" stack_ok

echo "score $score/20"
