/**
 * Turns a reference answer's end state into a rubric, as a person would write
 * one: a check per concern (volumes; each container's run, mounts, networks,
 * database, links; pages; files in volumes), `requires` from a check to the
 * container it needs, then a restart and a re-creation each followed by the
 * persistence checks. Pure: the same state gives the same rubric.
 */
import type { Lang } from "../i18n";
import { isSecret } from "./secrets";
import type { ContainerState, EndState, HttpAnswer, MountState } from "./state";
import { NOTES, WORDS } from "./titles";
import { Alias, Anchored, commented } from "./yaml";

export interface DraftOptions {
  id: string;
  title: string;
  lang: Lang;
  images: string[];
  /** The entry script, and the other files the submission must hold. */
  script: string;
  files: string[];
  /** The reference folder, as the instructor named it (for the header). */
  dir: string;
}

export type Step = Record<string, unknown> & ({ check: string } | { action: string });

export interface Draft {
  header: string[];
  envelope: Record<string, unknown>;
  steps: Step[];
}

const POINTS = { volume: 1, running: 2, mounts: 2, networks: 1, database: 3, reaches: 1, page: 2, file: 1, files: 2, survives: 1, script: 1 };

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "x"
  );
}

/** What the names share before their last dash ("lamp-" of lamp-web and lamp-mysql), so ids read web-running. */
function commonPrefix(names: string[]): string {
  if (names.length < 2) return "";
  let prefix = names[0];
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf("-");
  return cut > 0 && names.every((n) => n.length > cut + 1) ? prefix.slice(0, cut + 1) : "";
}

interface Database {
  engine: "mysql" | "postgres";
  user: string;
  userVar?: string;
  password?: string;
  passwordVar?: string;
  database: string;
  query: string;
}

/** A known database image and the account its variables made, or undefined. */
export function databaseOf(container: ContainerState): Database | undefined {
  const image = container.image.split("/").pop()!.split(":")[0];
  const env = container.env;
  if (/^(mysql|mariadb|percona)/.test(image)) {
    const prefix = env.MARIADB_DATABASE !== undefined || image.startsWith("mariadb") ? "MARIADB" : "MYSQL";
    const database = env[`${prefix}_DATABASE`];
    if (!database) return undefined;
    const hasUser = env[`${prefix}_USER`] !== undefined && env[`${prefix}_PASSWORD`] !== undefined;
    return hasUser
      ? { engine: "mysql", user: env[`${prefix}_USER`], userVar: `${prefix}_USER`, password: env[`${prefix}_PASSWORD`], passwordVar: `${prefix}_PASSWORD`, database, query: "SELECT DATABASE()" }
      : env[`${prefix}_ROOT_PASSWORD`] !== undefined
        ? { engine: "mysql", user: "root", password: env[`${prefix}_ROOT_PASSWORD`], passwordVar: `${prefix}_ROOT_PASSWORD`, database, query: "SELECT DATABASE()" }
        : undefined;
  }
  if (/^postgres/.test(image) && env.POSTGRES_PASSWORD !== undefined) {
    const user = env.POSTGRES_USER ?? "postgres";
    return { engine: "postgres", user, userVar: env.POSTGRES_USER ? "POSTGRES_USER" : undefined, password: env.POSTGRES_PASSWORD, passwordVar: "POSTGRES_PASSWORD", database: env.POSTGRES_DB ?? user, query: "SELECT current_database()" };
  }
  return undefined;
}

/** Which containers each one depends on: its links, and a database or an unpublished service on a network they share. */
export function dependencies(containers: ContainerState[]): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (const c of containers) {
    const on = new Set(c.links.map((l) => l.target));
    for (const other of containers) {
      if (other === c) continue;
      const shared = c.networks.some((n) => other.networks.some((o) => o.name === n.name));
      if (shared && (databaseOf(other) || (c.ports.length > 0 && other.ports.length === 0 && other.exposed.length > 0))) on.add(other.name);
    }
    deps.set(c.name, [...on].filter((name) => containers.some((o) => o.name === name)));
  }
  return deps;
}

/** Dependencies first (lamp-mysql before lamp-web), otherwise by name. */
export function dependencyOrder(containers: ContainerState[]): ContainerState[] {
  const deps = dependencies(containers);
  const ordered: ContainerState[] = [];
  const visit = (c: ContainerState, seen: Set<string>) => {
    if (ordered.includes(c) || seen.has(c.name)) return;
    seen.add(c.name);
    for (const name of deps.get(c.name) ?? []) visit(containers.find((o) => o.name === name)!, seen);
    ordered.push(c);
  };
  for (const c of [...containers].sort((a, b) => a.name.localeCompare(b.name))) visit(c, new Set());
  return ordered;
}

/** The longest word of a file: what a `contains` can look for without copying the file. */
export function keyWord(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]{3,}/gu) ?? [];
  return words.reduce<string | undefined>((best, word) => (!best || word.length > best.length ? word : best), undefined);
}

function unique(ids: Set<string>, wanted: string): string {
  let id = wanted;
  for (let n = 2; ids.has(id); n++) id = `${wanted}-${n}`;
  ids.add(id);
  return id;
}

export function planDraft(state: EndState, options: DraftOptions): Draft {
  const words = WORDS[options.lang];
  const notes = NOTES[options.lang];
  const header: string[] = [];
  const steps: Step[] = [];
  const ids = new Set<string>();
  const containers = dependencyOrder(state.containers);
  const prefix = commonPrefix(containers.map((c) => c.name));
  const short = (c: ContainerState) => slug(c.service ?? c.name.slice(prefix.length));
  const ref = (c: ContainerState) => (c.service ? { service: c.service } : c.name);
  const label = (c: ContainerState) => c.service ?? c.name;
  const runningId = new Map<string, string>();
  /** What the persistence checks test again after the restart and the re-creation. */
  const alive: { spec: Record<string, unknown>; id: string; says: string }[] = [];

  // Volumes, in the order the containers mount them.
  const mountedOrder = containers.flatMap((c) => c.mounts.filter((m) => m.type === "volume").map((m) => m.source!));
  const volumeNames = state.volumes.map((v) => v.name).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  function rank(name: string): number {
    const at = mountedOrder.indexOf(name);
    return at < 0 ? mountedOrder.length : at;
  }
  if (volumeNames.length) {
    steps.push({
      check: unique(ids, "volumes"),
      title: words.volumes(volumeNames),
      points: POINTS.volume * volumeNames.length,
      ...(volumeNames.length > 1 ? { partial: true } : {}),
      volume: { names: volumeNames },
    });
  }

  for (const c of containers) {
    const name = short(c);
    const env: Record<string, unknown> = {};
    const envTitle: string[] = [];
    for (const [key, value] of Object.entries(c.env).sort(([a], [b]) => a.localeCompare(b))) {
      if (isSecret(key, value)) {
        env[key] = commented(notes.secret({ name: key }), { matches: "." });
      } else {
        env[key] = value;
        envTitle.push(`${key}=${value}`);
      }
    }
    const secretsInTitle = Object.keys(env).filter((k) => !envTitle.some((t) => t.startsWith(`${k}=`)));
    const ports = c.ports.map((p) => (p.protocol === "udp" ? { container: p.container, host: p.host, protocol: "udp" } : { container: p.container, host: p.host }));
    const items = 2 + Object.keys(env).length + ports.length;
    const id = unique(ids, `${name}-running`);
    runningId.set(c.name, id);
    steps.push({
      check: id,
      title:
        c.state === "exited"
          ? words.exited(label(c), c.image)
          : words.running(
              label(c),
              c.image,
              [...envTitle, ...secretsInTitle],
              c.ports.map((p) => `${p.host}${options.lang === "fr" ? " vers " : " to "}${p.container}`),
            ),
      points: POINTS.running,
      ...(items > 2 ? { partial: true } : {}),
      container: {
        ...(c.service ? { service: c.service } : { name: c.name }),
        state: c.state,
        image: c.image,
        ...(Object.keys(env).length ? { env } : {}),
        ...(ports.length ? { ports } : {}),
      },
    });

    if (c.mounts.length) {
      const kind = c.mounts.every((m) => m.type === "volume") ? (c.mounts.length === 1 ? "volume" : "volumes") : "mounts";
      steps.push({
        check: unique(ids, `${name}-${kind}`),
        title: words.mounts(label(c), c.mounts),
        points: POINTS.mounts,
        ...(c.mounts.length > 1 ? { partial: true } : {}),
        container: { ...(c.service ? { service: c.service } : { name: c.name }), mounts: c.mounts.map(mountSpec) },
      });
    }

    if (c.networks.length && !c.service) {
      steps.push({
        check: unique(ids, `${name}-networks`),
        title: words.networks(label(c), c.networks),
        points: POINTS.networks,
        ...(c.networks.length > 1 ? { partial: true } : {}),
        container: { name: c.name, networks: c.networks.map((n) => (n.aliases.length ? { name: n.name, aliases: n.aliases } : { name: n.name })) },
      });
    }

    const db = c.state === "running" ? databaseOf(c) : undefined;
    if (db) {
      const sql = {
        container: ref(c),
        engine: db.engine,
        user: db.user,
        password: db.password === undefined ? undefined : commented(notes.password({ name: db.passwordVar ?? "password" }), db.password),
        database: db.database,
        query: db.query,
        expect: { output: db.database },
      };
      const dbId = unique(ids, `${slug(db.database)}-db`);
      steps.push({
        check: dbId,
        title: words.database(db.database, db.user),
        points: POINTS.database,
        requires: [id],
        retry: { timeout: "90s", interval: "1s" },
        sql,
      });
      alive.push({ spec: { sql: { ...sql, password: db.password } }, id: dbId, says: words.databaseExists(db.database) });
    }

    // From this container to what it depends on: by link alias, else by network alias or name.
    for (const dep of dependencies(state.containers).get(c.name) ?? []) {
      const target = state.containers.find((o) => o.name === dep)!;
      const port = target.exposed[0];
      if (port === undefined || c.state !== "running" || c.service) continue;
      const host = c.links.find((l) => l.target === dep)?.alias ?? target.networks.find((n) => c.networks.some((m) => m.name === n.name))?.aliases[0] ?? target.name;
      steps.push({
        check: unique(ids, `${name}-reaches-${slug(host)}`),
        title: words.reaches(label(c), host, label(target), port),
        points: POINTS.reaches,
        requires: [runningId.get(dep) ?? id],
        retry: { timeout: "30s", interval: "1s" },
        tcp: { from: ref(c), host, port },
      });
    }
  }

  // Pages: a served file of a volume, or the port's root; ports that answer no HTTP, by TCP.
  for (const answer of state.http) {
    const owner = containers.find((c) => c.ports.some((p) => p.host === answer.port && p.protocol === "tcp"));
    steps.push(...pageSteps(answer, owner, runningId, ids, alive, options));
  }
  for (const c of containers.filter((c) => c.state === "running")) {
    for (const p of c.ports.filter((p) => p.protocol === "tcp" && !state.http.some((a) => a.port === p.host))) {
      steps.push({
        check: unique(ids, `port-${p.host}`),
        title: words.hostPort(p.host),
        points: POINTS.reaches,
        requires: [runningId.get(c.name)!],
        retry: { timeout: "30s", interval: "1s" },
        tcp: { host: "localhost", port: p.host },
      });
    }
  }

  // Files the script wrote into volumes.
  for (const volume of state.volumes) {
    if (volume.skipFiles?.reason === "service-data") {
      header.push(notes.serviceData({ volume: volume.name, ...volume.skipFiles }));
      continue;
    }
    if (volume.skipFiles?.reason === "too-many") {
      header.push(notes.tooMany({ volume: volume.name, count: volume.skipFiles.count }));
      continue;
    }
    const specs = volume.files.map((file) => {
      const word = file.text === undefined ? undefined : keyWord(file.text);
      const spec = { volume: volume.name, path: file.path, ...(word ? { content: { contains: word } } : {}) };
      const first = file.text?.split("\n").find((l) => l.trim())?.trim();
      return { file, spec: word && first && first !== word ? commented(notes.content({ text: first.slice(0, 70) }), spec) : spec };
    });
    if (specs.length > 3) {
      steps.push({
        check: unique(ids, `${slug(volume.name)}-files`),
        title: words.filesInVolume(specs.length, volume.name),
        points: POINTS.files,
        all: specs.map(({ spec }) => ({ file: spec })),
      });
      continue;
    }
    for (const { file, spec } of specs) {
      const base = slug(file.path.split("/").pop()!);
      steps.push({ check: unique(ids, `${base}-in-volume`), title: words.fileInVolume(file.path, volume.name), points: POINTS.file, file: spec });
    }
  }

  steps.push(...persistenceSteps(containers, alive, runningId, ids, options, label, ref));

  // Nothing in the engine: what the script printed and how it ended is all there is.
  if (!steps.length) {
    const first = state.script.output.split("\n").find((l) => l.trim())?.trim().split(/\s+/)[0];
    steps.push({
      check: unique(ids, `${slug(state.script.file.replace(/\.sh$/, ""))}-ends`),
      title: words.script(state.script.file, state.script.exitCode, first),
      points: POINTS.script,
      script: { file: state.script.file, expect: { "exit-code": state.script.exitCode ?? 0, ...(first ? { output: { contains: first } } : {}) } },
    });
  } else if (state.script.exitCode !== 0) {
    header.push(notes.exitCode({ script: state.script.file, code: String(state.script.exitCode) }));
  }

  const total = steps.reduce((sum, s) => sum + (typeof s.points === "number" ? s.points : 0), 0);
  const envelope: Record<string, unknown> = {
    id: options.id,
    title: options.title,
    description: words.description(options.script),
    language: options.lang,
    version: "0.1",
    images: options.images,
    submission: { script: options.script, ...(options.files.length > 1 ? { files: options.files } : {}) },
  };
  return { header: [notes.drafted({ dir: options.dir }), notes.points({ total }), ...header], envelope, steps };
}

function mountSpec(m: MountState): Record<string, unknown> {
  return {
    type: m.type,
    ...(m.source !== undefined ? { source: m.source } : {}),
    destination: m.destination,
    ...(m.readOnly ? { "read-only": true } : {}),
  };
}

function pageSteps(
  answer: HttpAnswer,
  owner: ContainerState | undefined,
  runningId: Map<string, string>,
  ids: Set<string>,
  alive: { spec: Record<string, unknown>; id: string; says: string }[],
  options: DraftOptions,
): Step[] {
  const words = WORDS[options.lang];
  const notes = NOTES[options.lang];
  const url = `http://localhost:${answer.port}${answer.path}`;
  const base = answer.path === "/" ? `port-${answer.port}` : slug(answer.path);
  const id = unique(ids, base);
  const random = base.split("-")[0];
  const marker = answer.marker ? { contains: answer.marker } : undefined;
  const body = answer.echoesQuery
    ? marker
      ? { "all-of": [marker, { contains: `\${random.${random}}` }] }
      : { contains: `\${random.${random}}` }
    : marker;
  const requires = owner && runningId.has(owner.name) ? { requires: [runningId.get(owner.name)!] } : {};
  const step: Step = {
    check: id,
    title: words.page(url, answer.status, answer.echoesQuery, answer.marker),
    points: POINTS.page,
    ...requires,
    retry: { timeout: "30s", interval: "1s" },
    http: {
      url: answer.echoesQuery ? commented(notes.random({ name: random }), `${url}?verification=\${random.${random}}`) : url,
      expect: { status: answer.status, ...(body ? { body } : {}) },
    },
  };
  if (answer.status === 200) alive.push({ spec: { http: { url, expect: { status: 200, ...(marker ? { body: marker } : {}) } } }, id, says: words.served(answer.path.slice(1) || url) });
  return [step];
}

function persistenceSteps(
  containers: ContainerState[],
  alive: { spec: Record<string, unknown>; id: string; says: string }[],
  runningId: Map<string, string>,
  ids: Set<string>,
  options: DraftOptions,
  label: (c: ContainerState) => string,
  ref: (c: ContainerState) => string | { service: string },
): Step[] {
  const words = WORDS[options.lang];
  const running = containers.filter((c) => c.state === "running");
  if (!running.length) return [];
  // Stopped in this order and started in reverse: what depends on another goes first.
  const order = [...running].reverse();
  const items = alive.length
    ? alive
    : running.map((c) => ({ spec: { container: { ...(c.service ? { service: c.service } : { name: c.name }), state: "running" } }, id: runningId.get(c.name)!, says: words.stillRunning(label(c)) }));
  const requires = [...new Set(items.map((i) => i.id))];
  const says = items.map((i) => i.says);
  const anchor = "stack-alive";
  const restartId = unique(ids, "restart-stack");
  const recreateId = unique(ids, "recreate-stack");
  const survives = (id: string, title: string, all: unknown): Step => ({
    check: unique(ids, id),
    title,
    points: POINTS.survives,
    requires,
    retry: { timeout: "90s", interval: "1s" },
    all,
  });
  return [
    { action: restartId, title: words.restart(order.map(label)), restart: { containers: order.map(ref) } },
    survives("survives-restart", words.survivesRestart(says), new Anchored(anchor, items.map((i) => i.spec))),
    { action: recreateId, title: words.recreate(order.map(label)), recreate: { containers: order.map(ref) } },
    survives("survives-recreate", words.survivesRecreate(says), new Alias(anchor)),
  ];
}

/** The draft's YAML document: the envelope, then the steps. */
export function draftDocument(draft: Draft): Record<string, unknown> {
  return { ...draft.envelope, steps: draft.steps };
}
