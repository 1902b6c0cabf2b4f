import { load } from "js-yaml";
import { loadRubricText } from "../rubric/load";
import { databaseOf, dependencyOrder, keyWord, planDraft, type DraftOptions } from "./plan";
import { candidatePaths, markerOf } from "./read-state";
import { pruneDraft, renderDraft } from "./document";
import type { ContainerState, EndState } from "./state";

function container(name: string, fields: Partial<ContainerState>): ContainerState {
  return { name, image: "alpine:latest", state: "running", env: {}, ports: [], mounts: [], networks: [], links: [], exposed: [], imageVolumes: [], ...fields };
}

// What the LAMP reference leaves, as read-state.ts reads it.
const mysql = container("lamp-mysql", {
  image: "mysql:8.0",
  env: { MYSQL_ROOT_PASSWORD: "rootpass", MYSQL_DATABASE: "webapp", MYSQL_USER: "webuser", MYSQL_PASSWORD: "webpass" },
  mounts: [{ type: "volume", source: "mysql-data", destination: "/var/lib/mysql", readOnly: false }],
  exposed: [3306, 33060],
  imageVolumes: ["/var/lib/mysql"],
});
const web = container("lamp-web", {
  image: "php:7.4-apache",
  ports: [{ container: 80, host: 8080, protocol: "tcp" }],
  mounts: [
    { type: "volume", source: "web-content", destination: "/var/www/html", readOnly: false },
    { type: "volume", source: "user-uploads", destination: "/var/www/html/uploads", readOnly: false },
  ],
  links: [{ target: "lamp-mysql", alias: "mysql" }],
  exposed: [80],
  workingDir: "/var/www/html",
});
const LAMP: EndState = {
  script: { file: "lamp.sh", exitCode: 0, output: "mysql-data\n" },
  volumes: [
    { name: "mysql-data", files: [], skipFiles: { reason: "service-data", container: "lamp-mysql", image: "mysql:8.0", destination: "/var/lib/mysql" } },
    { name: "user-uploads", files: [] },
    { name: "web-content", files: [{ path: "info.php", size: 20, text: "<?php phpinfo(); ?>\n" }] },
  ],
  containers: [web, mysql],
  http: [{ port: 8080, path: "/info.php", status: 200, marker: "phpinfo()", echoesQuery: true, file: { volume: "web-content", path: "info.php" } }],
};

const OPTIONS: DraftOptions = { id: "lamp-stack", title: "Stack LAMP", lang: "fr", images: ["mysql:8.0", "php:7.4-apache"], script: "lamp.sh", files: ["lamp.sh"], dir: "reference" };

type Step = Record<string, any>;

function drafted(state: EndState, options = OPTIONS) {
  const yaml = renderDraft(planDraft(state, options));
  const loaded = loadRubricText(yaml, "draft.yaml");
  return { yaml, loaded, steps: (load(yaml) as { steps: Step[] }).steps };
}

describe("planDraft", () => {
  it("drafts the LAMP lab as a rubric that validates, a check per concern", () => {
    const { yaml, loaded, steps } = drafted(LAMP);
    expect(loaded.errors).toEqual([]);
    expect(steps.map((s) => s.check ?? s.action)).toEqual([
      "volumes", "mysql-running", "mysql-volume", "webapp-db", "web-running", "web-volumes", "web-reaches-mysql",
      "info-php", "info-php-in-volume", "restart-stack", "survives-restart", "recreate-stack", "survives-recreate",
    ]);
    expect(loaded.rubric!.steps.reduce((sum, s) => sum + (s.kind === "check" ? s.points : 0), 0)).toBe(20);
    expect(steps[0]).toMatchObject({ title: "Les volumes mysql-data, web-content et user-uploads existent", points: 3, partial: true, volume: { names: ["mysql-data", "web-content", "user-uploads"] } });
    // The files of a service's own data volume are not checked, and the header says why.
    expect(yaml).toContain("# Volume mysql-data : ses fichiers sont les données de lamp-mysql");
    expect(yaml).not.toMatch(/volume: mysql-data\n\s+path:/);
  });

  it("matches secrets loosely, says so, and keeps them out of titles", () => {
    const { yaml, steps } = drafted(LAMP);
    const running = steps.find((s) => s.check === "mysql-running")!;
    expect(running.container.env).toEqual({ MYSQL_DATABASE: "webapp", MYSQL_USER: "webuser", MYSQL_PASSWORD: { matches: "." }, MYSQL_ROOT_PASSWORD: { matches: "." } });
    expect(yaml).toMatch(/# MYSQL_ROOT_PASSWORD ressemble à un secret : toute valeur non vide est acceptée\.\n\s+MYSQL_ROOT_PASSWORD: \{ matches: "\." \}/);
    expect(running.title).not.toContain("rootpass");
    expect(steps.find((s) => s.check === "webapp-db")!.title).not.toContain("webpass");
  });

  it("makes what uses a container require it, and restarts dependents first", () => {
    const { steps } = drafted(LAMP);
    const byId = (id: string) => steps.find((s) => (s.check ?? s.action) === id)!;
    expect(byId("webapp-db")).toMatchObject({ requires: ["mysql-running"], sql: { container: "lamp-mysql", user: "webuser", password: "webpass", database: "webapp", expect: { output: "webapp" } } });
    expect(byId("web-reaches-mysql")).toMatchObject({ requires: ["mysql-running"], tcp: { from: "lamp-web", host: "mysql", port: 3306 } });
    expect(byId("info-php")).toMatchObject({ requires: ["web-running"], http: { url: "http://localhost:8080/info.php?verification=${random.info}" } });
    expect(byId("restart-stack").restart.containers).toEqual(["lamp-web", "lamp-mysql"]);
    expect(byId("recreate-stack").recreate.containers).toEqual(["lamp-web", "lamp-mysql"]);
    expect(byId("survives-restart").requires).toEqual(["webapp-db", "info-php"]);
    // The re-creation is followed by the same checks as the restart.
    expect(byId("survives-recreate").all).toEqual(byId("survives-restart").all);
    expect(byId("survives-restart").all.map((item: Step) => Object.keys(item)[0])).toEqual(["sql", "http"]);
  });

  it("writes English titles with --lang en", () => {
    const { steps } = drafted(LAMP, { ...OPTIONS, lang: "en" });
    expect(steps.find((s) => s.check === "web-running")!.title).toBe("lamp-web runs image php:7.4-apache and publishes port 8080 to 80");
    expect(steps.find((s) => s.check === "volumes")!.title).toBe("Volumes mysql-data, web-content and user-uploads exist");
  });

  it("drafts a script that leaves nothing in the engine from how it ended", () => {
    const state: EndState = { script: { file: "backup-volume.sh", exitCode: 1, output: "Usage: ./backup-volume.sh <volume-name>\n" }, volumes: [], containers: [], http: [] };
    const { loaded, steps } = drafted(state, { ...OPTIONS, script: "backup-volume.sh", files: ["backup-volume.sh", "restore-volume.sh"] });
    expect(loaded.errors).toEqual([]);
    expect(loaded.rubric!.submission.files).toEqual(["backup-volume.sh", "restore-volume.sh"]);
    expect(steps).toEqual([
      expect.objectContaining({ check: "backup-volume-ends", points: 1, script: { file: "backup-volume.sh", expect: { "exit-code": 1, output: { contains: "Usage:" } } } }),
    ]);
  });

  it("checks user-defined networks with their aliases, and Compose services by service", () => {
    const db = container("shop-db-1", { image: "postgres:13", service: "db", env: { POSTGRES_PASSWORD: "pw", POSTGRES_DB: "shop" }, exposed: [5432], networks: [{ name: "back", aliases: ["db"] }] });
    const app = container("app", { image: "nginx:alpine", ports: [{ container: 80, host: 8080, protocol: "tcp" }], exposed: [80], networks: [{ name: "back", aliases: ["api"] }] });
    const { loaded, steps } = drafted({ script: { file: "up.sh", exitCode: 0, output: "" }, volumes: [], containers: [app, db], http: [] });
    expect(loaded.errors).toEqual([]);
    expect(steps.find((s) => s.check === "db-running")!.container).toMatchObject({ service: "db", image: "postgres:13" });
    expect(steps.find((s) => s.check === "shop-db")!.sql).toMatchObject({ container: { service: "db" }, engine: "postgres", user: "postgres", database: "shop" });
    expect(steps.find((s) => s.check === "app-networks")!.container.networks).toEqual([{ name: "back", aliases: ["api"] }]);
    expect(steps.find((s) => s.check === "app-reaches-db")!.tcp).toEqual({ from: "app", host: "db", port: 5432 });
    // A published port that answers no HTTP is checked by TCP from the host.
    expect(steps.find((s) => s.check === "port-8080")!.tcp).toEqual({ host: "localhost", port: 8080 });
  });
});

describe("the parts", () => {
  it("orders dependencies first", () => {
    expect(dependencyOrder([web, mysql]).map((c) => c.name)).toEqual(["lamp-mysql", "lamp-web"]);
  });

  it("finds the account a database image's variables made", () => {
    expect(databaseOf(mysql)).toMatchObject({ engine: "mysql", user: "webuser", password: "webpass", database: "webapp" });
    expect(databaseOf(container("db", { image: "mysql:8.0", env: { MYSQL_ROOT_PASSWORD: "r", MYSQL_DATABASE: "d" } }))).toMatchObject({ user: "root", password: "r" });
    expect(databaseOf(container("db", { image: "mysql:8.0", env: { MYSQL_ROOT_PASSWORD: "r" } }))).toBeUndefined();
    expect(databaseOf(web)).toBeUndefined();
  });

  it("looks for a file's longest word and a page's title without its version", () => {
    expect(keyWord("<?php phpinfo(); ?>")).toBe("phpinfo");
    expect(markerOf("<html><head><title>PHP 8.2.32 - phpinfo()</title></head>")).toBe("phpinfo()");
    expect(markerOf("<h1>Bienvenue sur le site</h1>")).toBe("Bienvenue sur le site");
  });

  it("tries a volume's file at the root and under its mount below another", () => {
    expect(candidatePaths(web, web.mounts[1], "a.txt")).toEqual(["/a.txt", "/uploads/a.txt"]);
  });

  it("prunes what the reference failed, and what named it in requires", () => {
    const draft = planDraft(LAMP, OPTIONS);
    const pruned = pruneDraft(draft, new Set(["web-reaches-mysql", "webapp-db"]));
    const yaml = renderDraft(pruned);
    expect(loadRubricText(yaml, "draft.yaml").errors).toEqual([]);
    expect(yaml).toContain("# Retiré, car non réussi par la solution : webapp-db");
    const steps = (load(yaml) as { steps: Step[] }).steps;
    expect(steps.map((s) => s.check ?? s.action)).not.toContain("webapp-db");
    expect(steps.find((s) => s.check === "survives-restart")!.requires).toEqual(["info-php"]);
  });
});
