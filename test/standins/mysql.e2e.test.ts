/**
 * mysql:8.0 keeps the official image's documented contract (docker-library
 * docs, mysql/content.md, and its 8.0 entrypoint), exercised with the
 * commands a student runs. Passes against the stand-in and the real image.
 */
import { sql } from "../../graders/sql";
import { imageSandbox, waitFor, type ImageSandbox } from "../support/image-sandbox";

let box: ImageSandbox;

const INIT_SCHEMA = "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40));\n";
const INIT_DATA = "INSERT INTO products VALUES (1, 'from gz'), (2, 'also gz');\n";
// Sourced (no exec bit): runs in the entrypoint's shell, against the temporary server.
const INIT_SOURCED = `mysql -uroot -p"$MYSQL_ROOT_PASSWORD" "$MYSQL_DATABASE" -e "INSERT INTO products VALUES (3, 'from sh')"\n`;
const INIT_EXECUTED = `#!/bin/bash\nmysql -uroot -p"$MYSQL_ROOT_PASSWORD" -e "CREATE DATABASE fromscript"\n`;

/** Starts the servers of every item at once; each item then waits only for its own. */
beforeAll(async () => {
  box = await imageSandbox("mysql", ["mysql:8.0"], 4 * 1024 ** 3);
  await box.ok(`
mkdir -p init secret
printf '%s' "$1" > init/01-schema.sql
printf '%s' "$2" | gzip > init/02-data.sql.gz
printf '%s' "$3" > init/03-sourced.sh
printf '%s' "$4" > init/04-executed.sh && chmod +x init/04-executed.sh
echo 'not SQL' > init/05-readme.txt
printf 'from-a-file' > secret/root
docker network create lab >/dev/null
docker run -d --name main -v main-data:/var/lib/mysql -v "$PWD/init:/docker-entrypoint-initdb.d:ro" \\
  -e MYSQL_ROOT_PASSWORD=rootpw -e MYSQL_DATABASE=shop -e MYSQL_USER=shopper -e MYSQL_PASSWORD=shoppw mysql:8.0 >/dev/null
docker network connect lab main
docker run -d --name empty --network lab -e MYSQL_ALLOW_EMPTY_PASSWORD=yes mysql:8.0 >/dev/null
docker run -d --name random --network lab -e MYSQL_RANDOM_ROOT_PASSWORD=yes mysql:8.0 >/dev/null
docker run -d --name localroot --network lab -e MYSQL_ROOT_PASSWORD=rootpw -e MYSQL_ROOT_HOST=localhost mysql:8.0 >/dev/null
docker run -d --name secret --network lab -v "$PWD/secret:/run/secrets:ro" -e MYSQL_ROOT_PASSWORD_FILE=/run/secrets/root mysql:8.0 >/dev/null
docker run -d --name nopassword mysql:8.0 >/dev/null
docker run -d --name rootuser -e MYSQL_ROOT_PASSWORD=rootpw -e MYSQL_USER=root -e MYSQL_PASSWORD=x mysql:8.0 >/dev/null
`, { args: [INIT_SCHEMA, INIT_DATA, INIT_SOURCED, INIT_EXECUTED] }).catch(async (error) => {
    await box?.dispose();
    throw error;
  });
}, 300_000);

afterAll(() => box?.dispose());

/** The real server answers over TCP only after initialisation: the wait a student's script does. */
const ready = (name: string) =>
  box.ok(waitFor(`docker exec ${name} sh -c 'out=$(mysqladmin -h 127.0.0.1 ping 2>&1) || case $out in *"not allowed to connect"*) ;; *) exit 1 ;; esac'`, 120));


describe("MYSQL_ROOT_PASSWORD, MYSQL_DATABASE, MYSQL_USER and MYSQL_PASSWORD", () => {
  beforeAll(() => ready("main"), 180_000);

  test("root logs in with the root password over the socket, as docker exec does", async () => {
    expect(await box.ok(`docker exec main mysql -uroot -prootpw -N -e "SELECT CURRENT_USER()"`)).toBe("root@localhost\n");
    expect(await box.ok(`docker exec main sh -c 'exec mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -N -e "SELECT 1"'`)).toBe("1\n");
  });

  test("root logs in with the root password over TCP inside the container, as root@%", async () => {
    expect(await box.ok(`docker exec main mysql -h 127.0.0.1 -uroot -prootpw -N -e "SELECT CURRENT_USER()"`)).toBe("root@%\n");
  });

  test("root logs in from another container on the same network and through a legacy link", async () => {
    expect(await box.ok(`docker run --rm --network lab mysql:8.0 mysql -h main -uroot -prootpw -N -e "SELECT 1"`)).toBe("1\n");
    expect(await box.ok(`docker run --rm --link main:db mysql:8.0 mysql -h db -uroot -prootpw -N -e "SELECT 1"`)).toBe("1\n");
  });

  test("root exists as root@localhost and root@% only", async () => {
    expect(await box.ok(`docker exec main mysql -uroot -prootpw -N -e "SELECT host FROM mysql.user WHERE user = 'root' ORDER BY host"`)).toBe("%\nlocalhost\n");
  });

  test("a wrong or missing root password is refused, over the socket and over TCP", async () => {
    for (const command of [
      "docker exec main mysql -uroot -pwrong -e 'SELECT 1'",
      "docker exec main mysql -uroot -e 'SELECT 1'",
      "docker exec main mysql -h 127.0.0.1 -uroot -pwrong -e 'SELECT 1'",
      "docker run --rm --network lab mysql:8.0 mysql -h main -uroot -e 'SELECT 1'",
    ]) {
      const result = await box.sh(command);
      expect({ command, code: result.exitCode, said: /Access denied/.test(result.stderr) }).toEqual({ command, code: 1, said: true });
    }
  });

  test("MYSQL_USER reaches MYSQL_DATABASE from another container, and nothing beyond it", async () => {
    const seen = (await box.ok(`docker run --rm --network lab mysql:8.0 mysql -h main -ushopper -pshoppw -N -e "SHOW DATABASES"`)).split("\n");
    expect(seen).toContain("shop");
    expect(seen).not.toContain("mysql");
    await box.ok(`docker run --rm --network lab mysql:8.0 mysql -h main -ushopper -pshoppw shop -e "CREATE TABLE mine (x INT); DROP TABLE mine"`);
    const refused = await box.sh(`docker exec main mysql -ushopper -pshoppw -e "CREATE DATABASE other"`);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/Access denied/);
  });

  test("/docker-entrypoint-initdb.d: *.sql and *.sql.gz into MYSQL_DATABASE, *.sh sourced or executed, other files ignored", async () => {
    expect(await box.ok(`docker exec main mysql -uroot -prootpw shop -N -e "SELECT id, name FROM products ORDER BY id"`)).toBe("1\tfrom gz\n2\talso gz\n3\tfrom sh\n");
    expect(await box.ok(`docker exec main mysql -uroot -prootpw -N -e "SHOW DATABASES LIKE 'fromscript'"`)).toBe("fromscript\n");
    expect(await box.ok("docker logs main 2>&1")).toMatch(/ignoring \/docker-entrypoint-initdb.d\/05-readme.txt/);
  });

  test("mysqldump inside the container, restored with mysql -i, as the docs show", async () => {
    await box.ok(`docker exec main sh -c 'exec mysqldump -uroot -p"$MYSQL_ROOT_PASSWORD" shop' > shop.sql`);
    expect(await box.ok("cat shop.sql")).toMatch(/CREATE TABLE `products`/);
    await box.ok(`docker exec main mysql -uroot -prootpw -e "CREATE DATABASE restored"`);
    await box.ok(`docker exec -i main sh -c 'exec mysql -uroot -p"$MYSQL_ROOT_PASSWORD" restored' < shop.sql`);
    expect(await box.ok(`docker exec main mysql -uroot -prootpw -N -e "SELECT COUNT(*) FROM restored.products"`)).toBe("3\n");
  });

  test("mysqladmin ping answers, as a health check uses it", async () => {
    expect(await box.ok(`docker exec main mysqladmin -uroot -prootpw ping`)).toMatch(/mysqld is alive/);
    await box.ok(`docker exec main mysqladmin -h localhost -uroot -prootpw --silent ping`);
  });

  test("the image's data dir is empty, so a new named volume starts empty and is initialised", async () => {
    expect(await box.ok(`docker run --rm -v fresh:/var/lib/mysql --entrypoint ls mysql:8.0 -A /var/lib/mysql`)).toBe("");
  });

  test("the sql check as root with the root password passes; with a wrong one it fails", async () => {
    const ctx = box.graderContext();
    const spec = { container: "main", engine: "mysql" as const, user: "root", query: "SHOW DATABASES LIKE 'shop'", expect: { rows: { equals: 1 } } };
    expect(await sql.evaluate(ctx, { ...spec, password: "rootpw" })).toMatchObject({ passed: true });
    expect(await sql.evaluate(ctx, { ...spec, user: "shopper", password: "shoppw" })).toMatchObject({ passed: true });
    expect(await sql.evaluate(ctx, { ...spec, password: "wrong" })).toMatchObject({ passed: false, final: true });
  });

  test("a restart keeps the data and does not initialise again", async () => {
    await box.ok("docker restart main >/dev/null");
    await ready("main");
    expect(await box.ok(`docker exec main mysql -uroot -prootpw shop -N -e "SELECT COUNT(*) FROM products"`)).toBe("3\n");
  });
});

describe("the other root password options", () => {
  test("MYSQL_ALLOW_EMPTY_PASSWORD: root with no password, inside and from another container", async () => {
    await ready("empty");
    expect(await box.ok(`docker exec empty mysql -uroot -N -e "SELECT 1"`)).toBe("1\n");
    expect(await box.ok(`docker run --rm --network lab mysql:8.0 mysql -h empty -uroot -N -e "SELECT 1"`)).toBe("1\n");
  });

  test("MYSQL_RANDOM_ROOT_PASSWORD: the password printed in the logs works, none other does", async () => {
    await ready("random");
    const logs = await box.ok("docker logs random 2>&1");
    const password = /GENERATED ROOT PASSWORD: (\S+)/.exec(logs)?.[1];
    expect(password).toMatch(/^.{16,}$/);
    expect(await box.ok(`docker exec random mysql -uroot -p'${password}' -N -e "SELECT 1"`)).toBe("1\n");
    expect(await box.ok(`docker run --rm --network lab mysql:8.0 mysql -h random -uroot -p'${password}' -N -e "SELECT 1"`)).toBe("1\n");
    expect((await box.sh(`docker exec random mysql -uroot -e "SELECT 1"`)).exitCode).toBe(1);
  });

  test("MYSQL_ROOT_HOST=localhost: root over the socket only, and the sql check still passes as root", async () => {
    await ready("localroot");
    expect(await box.ok(`docker exec localroot mysql -uroot -prootpw -N -e "SELECT CURRENT_USER()"`)).toBe("root@localhost\n");
    const remote = await box.sh(`docker run --rm --network lab mysql:8.0 mysql -h localroot -uroot -prootpw -e "SELECT 1"`);
    expect(remote.exitCode).toBe(1);
    expect(remote.stderr).toMatch(/Access denied|not allowed to connect/);
    const spec = { container: "localroot", engine: "mysql" as const, user: "root", password: "rootpw", query: "SELECT 1", expect: { output: { equals: "1" } } };
    expect(await sql.evaluate(box.graderContext(), spec)).toMatchObject({ passed: true });
  });

  test("MYSQL_ROOT_PASSWORD_FILE: the password is read from the file", async () => {
    await ready("secret");
    expect(await box.ok(`docker exec secret mysql -uroot -pfrom-a-file -N -e "SELECT 1"`)).toBe("1\n");
  });

  test("no password option: the container stops with an error that names the variables", async () => {
    await box.ok(waitFor(`test "$(docker inspect -f '{{.State.Status}}' nopassword)" = exited`, 60));
    expect(await box.ok(`docker inspect -f '{{.State.ExitCode}}' nopassword`)).not.toBe("0\n");
    expect(await box.ok("docker logs nopassword 2>&1")).toMatch(/MYSQL_ROOT_PASSWORD[\s\S]*MYSQL_ALLOW_EMPTY_PASSWORD[\s\S]*MYSQL_RANDOM_ROOT_PASSWORD/);
  });

  test("MYSQL_USER=root: the container stops with an error", async () => {
    await box.ok(waitFor(`test "$(docker inspect -f '{{.State.Status}}' rootuser)" = exited`, 60));
    expect(await box.ok(`docker inspect -f '{{.State.ExitCode}}' rootuser`)).not.toBe("0\n");
    expect(await box.ok("docker logs rootuser 2>&1")).toMatch(/MYSQL_USER="root"/);
  });
});
