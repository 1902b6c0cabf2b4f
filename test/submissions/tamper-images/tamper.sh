#!/bin/bash
# Writes to, appends to and chmods image files from containers, then removes
# every image and prunes: none of it may reach the seeded store.
docker run --name writer mysql:8.0 sh -c '
  echo overwritten > /usr/bin/mysql
  echo appended >> /etc/passwd
  chmod 777 /etc/shadow
  rm -f /bin/ls
  truncate -s 0 /usr/sbin/mariadbd'
docker run --name writer2 php:7.4-apache bash -c 'echo x > /var/www/html/index.php; chmod 000 /usr/sbin/apache2'
docker commit writer tampered:latest
docker rm -f writer writer2
docker rmi -f mysql:8.0 php:7.4-apache alpine:latest labgrade/probe:latest tampered:latest
docker system prune -af --volumes
docker images
