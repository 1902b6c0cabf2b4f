#!/bin/bash
# Two containers on one network, one of them publishing a port: what a lab does.
docker network create labnet
docker run -d --name web --network labnet -p 8080:80 nginx:alpine
docker run -d --name client --network labnet alpine:latest sleep 600
