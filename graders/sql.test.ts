import { sql } from "./sql";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const db = { "lamp-mysql": inspected({ image: "mysql:8.0" }) };
const spec = { container: "lamp-mysql", engine: "mysql" as const, user: "webuser", password: "webpass", database: "webapp", query: "SELECT DATABASE()", expect: { output: "webapp" } };
const answer = (r: object) => fakeContext({ containers: db, commands: { "docker exec": r } });

describe("sql: what was found, in the student's words", () => {
  test.each([
    ["ERROR 1045 (28000): Access denied for user 'webuser'@'localhost' (using password: YES)", "l'utilisateur webuser est refusé avec ce mot de passe"],
    ["ERROR 1049 (42000): Unknown database 'webapp'", "la base webapp n'existe pas"],
    ["ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)", "le serveur de base de données ne répond pas encore"],
    ["ERROR 1146 (42S02) at line 1: Table 'webapp.users' doesn't exist", "le serveur refuse la requête : Table 'webapp.users' doesn't exist"],
    ['psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  password authentication failed for user "webuser"', "l'utilisateur webuser est refusé avec ce mot de passe"],
    ['psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  the database system is not yet accepting connections', "le serveur de base de données ne répond pas encore"],
  ])("%s", async (stderr, words) => {
    const outcome = await sql.evaluate(answer({ exitCode: 1, stderr }), spec);
    expect(said("sql", outcome, "fr")).toMatchObject({ expected: "la requête réussit", actual: words });
    expect(said("sql", outcome, "fr").message).toContain(`a échoué : ${words}.`);
  });

  test("a server still starting (postgres replaying its log after a restart) is worth waiting for; a refused password is not", async () => {
    const starting = await sql.evaluate(answer({ exitCode: 2, stderr: 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  the database system is not yet accepting connections\nDETAIL:  Consistent recovery state has not been yet reached.' }), spec);
    expect(starting).toMatchObject({ passed: false, final: false });
    const refused = await sql.evaluate(answer({ exitCode: 2, stderr: 'psql: error: FATAL:  password authentication failed for user "webuser"' }), spec);
    expect(refused).toMatchObject({ passed: false, final: true });
  });

  test("the wrong rows: what the query gave", async () => {
    const outcome = await sql.evaluate(answer({ stdout: "NULL\n" }), spec);
    expect(said("sql", outcome)).toMatchObject({ expected: 'output "webapp"', actual: 'output "NULL"' });
    expect(said("sql", outcome, "fr")).toMatchObject({ expected: "sortie « webapp »", actual: "sortie « NULL »" });
  });
});
