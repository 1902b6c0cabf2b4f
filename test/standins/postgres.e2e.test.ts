/**
 * postgres:13 keeps the official image's documented contract (docker-library
 * docs, postgres/content.md, and its 13 entrypoint), exercised with the
 * commands a student runs. Passes against the stand-in and the real image.
 */
import { sql } from "../../graders/sql";
import { imageSandbox, waitFor, type ImageSandbox } from "../support/image-sandbox";

let box: ImageSandbox;

const INIT_SCHEMA = "CREATE TABLE products (id int PRIMARY KEY, name text);\n";
const INIT_DATA = "INSERT INTO products VALUES (1, 'from gz'), (2, 'also gz');\n";
// Sourced (no exec bit), as the docs' example: psql against the temporary server.
const INIT_SOURCED = `psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "INSERT INTO products VALUES (3, 'from sh')"\n`;
const INIT_EXECUTED = `#!/bin/bash\nset -e\npsql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE fromscript"\n`;

beforeAll(async () => {
  box = await imageSandbox("postgres", ["postgres:13"], 3 * 1024 ** 3);
  await box
    .ok(
      `
mkdir -p init secret
printf '%s' "$1" > init/01-schema.sql
printf '%s' "$2" | gzip > init/02-data.sql.gz
printf '%s' "$3" > init/03-sourced.sh
printf '%s' "$4" > init/04-executed.sh && chmod +x init/04-executed.sh
printf 'from-a-file' > secret/pw
docker network create lab >/dev/null
docker run -d --name main --network lab -v main-data:/var/lib/postgresql/data -v "$PWD/init:/docker-entrypoint-initdb.d:ro" \\
  -e POSTGRES_PASSWORD=pgpw -e POSTGRES_USER=admin -e POSTGRES_DB=shop postgres:13 >/dev/null
docker run -d --name plain --network lab -e POSTGRES_PASSWORD=pgpw -e POSTGRES_INITDB_ARGS="--data-checksums" postgres:13 >/dev/null
docker run -d --name trust --network lab -e POSTGRES_HOST_AUTH_METHOD=trust postgres:13 >/dev/null
docker run -d --name subdir -v sub-data:/var/lib/postgresql/data -e PGDATA=/var/lib/postgresql/data/pgdata -e POSTGRES_PASSWORD=pgpw postgres:13 >/dev/null
docker run -d --name secret -v "$PWD/secret:/run/secrets:ro" -e POSTGRES_PASSWORD_FILE=/run/secrets/pw postgres:13 >/dev/null
docker run -d --name nopassword postgres:13 >/dev/null
`,
      { args: [INIT_SCHEMA, INIT_DATA, INIT_SOURCED, INIT_EXECUTED] },
    )
    .catch(async (error) => {
      await box?.dispose();
      throw error;
    });
}, 300_000);

afterAll(() => box?.dispose());

/** The server listens on TCP only after initialisation: pg_isready over TCP is the wait a student's script does. */
const ready = (name: string) => box.ok(waitFor(`docker exec ${name} pg_isready -h 127.0.0.1`, 120));


describe("POSTGRES_PASSWORD, POSTGRES_USER and POSTGRES_DB", () => {
  beforeAll(() => ready("main"), 180_000);

  test("psql -U <POSTGRES_USER> inside the container, without a password (local trust)", async () => {
    expect(await box.ok(`docker exec main psql -U admin -d shop -tAc "SELECT current_user, current_database()"`)).toBe("admin|shop\n");
  });

  test("POSTGRES_USER replaces postgres: there is no role postgres", async () => {
    const result = await box.sh(`docker exec main psql -U postgres -tAc "SELECT 1"`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/role "postgres" does not exist/);
  });

  test("from another container, with the password; a wrong one is refused", async () => {
    expect(await box.ok(`docker run --rm --network lab -e PGPASSWORD=pgpw postgres:13 psql -h main -U admin -d shop -tAc "SELECT 1"`)).toBe("1\n");
    const refused = await box.sh(`docker run --rm --network lab -e PGPASSWORD=wrong postgres:13 psql -h main -U admin -d shop -tAc "SELECT 1"`);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/password authentication failed for user "admin"/);
  });

  test("/docker-entrypoint-initdb.d: *.sql and *.sql.gz into POSTGRES_DB, *.sh sourced or executed", async () => {
    expect(await box.ok(`docker exec main psql -U admin -d shop -tAc "SELECT id, name FROM products ORDER BY id"`)).toBe("1|from gz\n2|also gz\n3|from sh\n");
    expect(await box.ok(`docker exec main psql -U admin -d postgres -tAc "SELECT datname FROM pg_database WHERE datname = 'fromscript'"`)).toBe("fromscript\n");
  });

  test("pg_isready inside and from another container", async () => {
    expect(await box.ok("docker exec main pg_isready -U admin")).toMatch(/accepting connections/);
    expect(await box.ok("docker run --rm --network lab postgres:13 pg_isready -h main")).toMatch(/main:5432 - accepting connections/);
  });

  test("pg_dump inside the container, restored with psql -i, as the course does", async () => {
    await box.ok("docker exec main pg_dump -U admin shop > shop.sql");
    expect(await box.ok("cat shop.sql")).toMatch(/CREATE TABLE public\.products/);
    await box.ok(`docker exec main psql -U admin -d postgres -c "CREATE DATABASE restored"`);
    await box.ok("docker exec -i main psql -U admin restored < shop.sql");
    expect(await box.ok(`docker exec main psql -U admin -d restored -tAc "SELECT count(*) FROM products"`)).toBe("3\n");
  });

  test("text sorts as in the official image's en_US.utf8 locale, and passwords hash as PostgreSQL 13's md5", async () => {
    expect(await box.ok(`docker exec main psql -U admin -d shop -tAc "SHOW lc_collate"`)).toBe("en_US.utf8\n");
    expect(await box.ok(`docker exec main psql -U admin -d shop -tAc "SELECT string_agg(w, ' ' ORDER BY w) FROM (VALUES ('b'), ('B'), ('a'), ('A')) AS t(w)"`)).toBe("a A b B\n");
    expect(await box.ok(`docker exec main psql -U admin -d shop -tAc "SHOW password_encryption"`)).toBe("md5\n");
  });

  test("the sql check as POSTGRES_USER passes; as a role that does not exist it fails", async () => {
    const spec = { container: "main", engine: "postgres" as const, user: "admin", database: "shop", query: "SELECT count(*) FROM products", expect: { output: { equals: "3" } } };
    expect(await sql.evaluate(box.graderContext(), spec)).toMatchObject({ passed: true });
    expect(await sql.evaluate(box.graderContext(), { ...spec, user: "postgres" })).toMatchObject({ passed: false });
  });

  test("a restart keeps the data and does not initialise again", async () => {
    await box.ok("docker restart main >/dev/null");
    await ready("main");
    expect(await box.ok(`docker exec main psql -U admin -d shop -tAc "SELECT count(*) FROM products"`)).toBe("3\n");
    expect(await box.ok("docker logs main 2>&1")).toMatch(/Skipping initialization/);
  });
});

describe("the other variables", () => {
  test("POSTGRES_PASSWORD alone: user and database postgres, psql -U postgres; POSTGRES_INITDB_ARGS reaches initdb", async () => {
    await ready("plain");
    expect(await box.ok(`docker exec plain psql -U postgres -tAc "SELECT current_database()"`)).toBe("postgres\n");
    expect(await box.ok(`docker exec plain psql -U postgres -tAc "SHOW data_checksums"`)).toBe("on\n");
    expect(await box.ok(`docker run --rm --network lab -e PGPASSWORD=pgpw postgres:13 psql -h plain -U postgres -tAc "SELECT 1"`)).toBe("1\n");
  });

  test("POSTGRES_HOST_AUTH_METHOD=trust: no password needed from another container", async () => {
    await ready("trust");
    expect(await box.ok(`docker run --rm --network lab postgres:13 psql -h trust -U postgres -tAc "SELECT 1"`)).toBe("1\n");
  });

  test("PGDATA: the cluster lives where it says", async () => {
    await ready("subdir");
    expect(await box.ok("docker exec subdir cat /var/lib/postgresql/data/pgdata/PG_VERSION")).toMatch(/^\d+\n$/);
    expect(await box.ok(`docker exec subdir psql -U postgres -tAc "SHOW data_directory"`)).toBe("/var/lib/postgresql/data/pgdata\n");
  });

  test("POSTGRES_PASSWORD_FILE: the password is read from the file", async () => {
    await ready("secret");
    await box.ok("docker network connect lab secret");
    expect(await box.ok(`docker run --rm --network lab -e PGPASSWORD=from-a-file postgres:13 psql -h secret -U postgres -tAc "SELECT 1"`)).toBe("1\n");
  });

  test("no password: the container stops with the documented error", async () => {
    await box.ok(waitFor(`test "$(docker inspect -f '{{.State.Status}}' nopassword)" = exited`, 60));
    expect(await box.ok(`docker inspect -f '{{.State.ExitCode}}' nopassword`)).toBe("1\n");
    expect(await box.ok("docker logs nopassword 2>&1")).toMatch(/superuser password is not specified/);
  });

  test("the image's data dir is empty, so a new named volume starts empty", async () => {
    expect(await box.ok("docker run --rm -v fresh:/var/lib/postgresql/data --entrypoint ls postgres:13 -A /var/lib/postgresql/data")).toBe("");
  });
});
