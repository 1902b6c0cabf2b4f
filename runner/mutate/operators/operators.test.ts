import { parseScript } from "../docker";
import { applyEdits } from "../edit";
import { hardcodeArgs, hardcodePage, hardcodePrune } from "./hardcode";
import { anonymousVolume, bindMount, dropMount, dropReadOnly } from "./mounts";
import { renameNotRecreate } from "./recreate";
import { changePort, dropEnv, dropNetwork, dropRm, otherPort } from "./run-options";
import type { Operator, RubricHints } from "./types";
import { skipVolumeCreate } from "./volume-create";
import { skipWait } from "./wait";
import { writeInContainer } from "./write-in-container";

const NO_HINTS: RubricHints = { args: [], absentVolumes: [] };

/** Each mutation's id and the script it gives. */
function mutate(operator: Operator, text: string, hints = NO_HINTS): Record<string, string> {
  const script = parseScript("lab.sh", text);
  return Object.fromEntries(operator(script, hints).map((m) => [m.id, applyEdits(text, m.edits)]));
}

const LAMP = `#!/bin/bash
set -e
docker volume create mysql-data
docker run -d \\
  --name lamp-mysql \\
  -e MYSQL_ROOT_PASSWORD=rootpass \\
  -e MYSQL_DATABASE=webapp \\
  -v mysql-data:/var/lib/mysql \\
  mysql:8.0
docker run -d --name lamp-web --link lamp-mysql:mysql -p 8080:80 -v web-content:/var/www/html php:7.4-apache
docker exec lamp-web bash -c "echo '<?php phpinfo(); ?>' > /var/www/html/info.php"
`;

describe("mount operators", () => {
  test("drop-mount removes a -v on a continued line with its line, and one inside a line with its blank", () => {
    const mutants = mutate(dropMount, LAMP);
    expect(Object.keys(mutants)).toEqual(["drop-mount:lamp-mysql:/var/lib/mysql", "drop-mount:lamp-web:/var/www/html"]);
    expect(mutants["drop-mount:lamp-mysql:/var/lib/mysql"]).toBe(LAMP.replace("  -v mysql-data:/var/lib/mysql \\\n", ""));
    expect(mutants["drop-mount:lamp-web:/var/www/html"]).toContain("-p 8080:80 php:7.4-apache");
  });

  test("--mount, --tmpfs and --volumes-from are mounts too; unnamed runs are named by image and rank", () => {
    const text = "docker run -d --mount source=data,target=/app,readonly --tmpfs /tmp:size=100m nginx:alpine\ndocker run --rm --volumes-from box alpine ls\n";
    expect(Object.keys(mutate(dropMount, text))).toEqual(["drop-mount:nginx:alpine#1:/app", "drop-mount:nginx:alpine#1:/tmp", "drop-mount:alpine#1:from-box"]);
  });

  test("bind-mount and anonymous-volume rewrite named volumes only, keeping :ro", () => {
    const text = 'docker run --rm -v "$VOLUME_NAME:/data:ro" -v $(pwd)/backups:/backup alpine tar czf /backup/a.tgz -C /data .\n';
    expect(mutate(bindMount, text)).toEqual({
      "bind-mount:alpine#1:/data": text.replace('-v "$VOLUME_NAME:/data:ro"', '-v "$(pwd)/$VOLUME_NAME:/data:ro"'),
    });
    expect(mutate(anonymousVolume, text)).toEqual({
      "anonymous-volume:alpine#1:/data": text.replace('-v "$VOLUME_NAME:/data:ro"', "--mount type=volume,target=/data,readonly"),
    });
    expect(Object.values(mutate(anonymousVolume, LAMP))[0]).toContain("  -v /var/lib/mysql \\\n");
  });

  test("drop-ro makes -v …:ro and --mount …,readonly writable", () => {
    const text = "docker run -v data:/a:ro --mount type=volume,source=d,target=/b,readonly alpine\n";
    expect(mutate(dropReadOnly, text)).toEqual({
      "drop-ro:alpine#1:/a": "docker run -v data:/a --mount type=volume,source=d,target=/b,readonly alpine\n",
      "drop-ro:alpine#1:/b": "docker run -v data:/a:ro --mount type=volume,source=d,target=/b alpine\n",
    });
  });

  test("write-in-container moves the volume off the path a docker exec writes to", () => {
    expect(mutate(writeInContainer, LAMP)).toEqual({
      "write-in-container:lamp-web:/var/www/html/info.php": LAMP.replace("-v web-content:/var/www/html", "-v web-content:/mnt/web-content"),
    });
  });

  test("options written among combined short flags are left alone", () => {
    expect(mutate(dropMount, "docker run -dv data:/data alpine\n")).toEqual({});
  });
});

describe("run option operators", () => {
  test("change-port publishes the next host port", () => {
    expect(otherPort("8080:80")).toBe("8081:80");
    expect(otherPort("127.0.0.1:5432:5432/tcp")).toBe("127.0.0.1:5433:5432/tcp");
    expect(otherPort("80")).toBeUndefined();
    expect(mutate(changePort, LAMP)).toEqual({ "change-port:lamp-web:8080": LAMP.replace("-p 8080:80", "-p 8081:80") });
  });

  test("drop-env, drop-rm and drop-link remove the option", () => {
    expect(Object.keys(mutate(dropEnv, LAMP))).toEqual(["drop-env:lamp-mysql:MYSQL_ROOT_PASSWORD", "drop-env:lamp-mysql:MYSQL_DATABASE"]);
    expect(mutate(dropRm, "docker run --rm -v a:/a alpine true\n")).toEqual({ "drop-rm:alpine#1": "docker run -v a:/a alpine true\n" });
    expect(mutate(dropNetwork, LAMP)["drop-link:lamp-web:lamp-mysql:mysql"]).toContain("--name lamp-web -p 8080:80");
  });

  test("skip-network-connect and skip-volume-create leave `true` where the command was", () => {
    const text = "docker network create n && docker network connect n app\ndocker volume create data\n";
    expect(mutate(dropNetwork, text)).toEqual({ "skip-network-connect:app:n": "docker network create n && true\ndocker volume create data\n" });
    expect(mutate(skipVolumeCreate, text)).toEqual({ "skip-volume-create:data": "docker network create n && docker network connect n app\ntrue\n" });
  });
});

describe("scenario operators", () => {
  const POSTGRES = `docker run -d --name ma-postgres -v pg:/var/lib/postgresql/data postgres:13
until docker exec ma-postgres pg_isready -U postgres; do
  sleep 1
done
docker stop ma-postgres
docker rm ma-postgres
docker run -d --name ma-postgres-2 -v pg:/var/lib/postgresql/data postgres:13
sleep 5
`;

  test("rename-not-recreate renames and starts the old container, and runs no new one", () => {
    expect(mutate(renameNotRecreate, POSTGRES)).toEqual({
      "rename-not-recreate:ma-postgres:ma-postgres-2": POSTGRES.replace("docker rm ma-postgres", "docker rename ma-postgres ma-postgres-2 && docker start ma-postgres-2").replace(
        "docker run -d --name ma-postgres-2 -v pg:/var/lib/postgresql/data postgres:13",
        "true",
      ),
    });
    expect(Object.keys(mutate(renameNotRecreate, "docker run -d --name db mysql\ndocker rm -f db\ndocker run -d --name db mysql\n"))).toEqual(["restart-not-recreate:db"]);
  });

  test("skip-wait removes a polling loop whole, and a long sleep outside loops", () => {
    const mutants = mutate(skipWait, POSTGRES);
    expect(Object.keys(mutants)).toEqual(["skip-wait:ma-postgres:2", "skip-wait:sleep:8"]);
    expect(mutants["skip-wait:ma-postgres:2"]).toContain("postgres:13\ntrue\ndocker stop");
    expect(mutants["skip-wait:sleep:8"].endsWith("postgres:13\ntrue\n")).toBe(true);
    expect(mutate(skipWait, "for f in a b; do echo $f; done\n")).toEqual({});
  });

  test("hardcode-page, hardcode-arg and hardcode-prune copy what the rubric looks for", () => {
    expect(Object.values(mutate(hardcodePage, LAMP))[0]).toContain("echo '<h1>PHP Version 7.4.33</h1><p>phpinfo</p>' > /var/www/html/info.php");
    const backup = 'VOLUME_NAME=$1\nOUT=${2}\nif [ -z "$1" ]; then echo usage; fi\n';
    expect(mutate(hardcodeArgs, backup, { args: [{ value: "mon-volume", given: "mon-volume" }, undefined], absentVolumes: [] })).toEqual({
      "hardcode-arg:1:mon-volume": 'VOLUME_NAME=mon-volume\nOUT=${2}\nif [ -z "mon-volume" ]; then echo usage; fi\n',
    });
    expect(mutate(hardcodePrune, "docker volume prune --all --force\n", { args: [], absentVolumes: ["orphan-volume"] })).toEqual({
      "hardcode-prune:1": "docker volume rm -f orphan-volume\n",
    });
  });
});
