/** The titles and comments of a drafted rubric, in the course's language. */
import type { Lang } from "../i18n";
import type { MountState } from "./state";

/** "a, b et c" / "a, b and c". */
function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

export interface Words {
  volumes(names: string[]): string;
  running(name: string, image: string, env: string[], ports: string[]): string;
  exited(name: string, image: string): string;
  mounts(name: string, mounts: MountState[]): string;
  networks(name: string, networks: { name: string; aliases: string[] }[]): string;
  database(database: string, user: string): string;
  reaches(from: string, host: string, target: string, port: number): string;
  hostPort(port: number): string;
  page(url: string, status: number, generated: boolean, marker?: string): string;
  fileInVolume(file: string, volume: string): string;
  filesInVolume(count: number, volume: string): string;
  restart(names: string[]): string;
  recreate(names: string[]): string;
  survivesRestart(items: string[]): string;
  survivesRecreate(items: string[]): string;
  served(path: string): string;
  databaseExists(database: string): string;
  stillRunning(name: string): string;
  script(file: string, exitCode: number | null, first?: string): string;
  description(script: string): string;
}

function mountFr(m: MountState): string {
  const ro = m.readOnly ? " en lecture seule" : "";
  if (m.type === "tmpfs") return `un tmpfs sur ${m.destination}${ro}`;
  if (m.type === "bind") return `le dossier ${m.source} sur ${m.destination}${ro}`;
  return `${m.source} sur ${m.destination}${ro}`;
}

function mountEn(m: MountState): string {
  const ro = m.readOnly ? " read-only" : "";
  if (m.type === "tmpfs") return `a tmpfs at ${m.destination}${ro}`;
  if (m.type === "bind") return `folder ${m.source} at ${m.destination}${ro}`;
  return `${m.source} at ${m.destination}${ro}`;
}

const fr: Words = {
  volumes: (names) => (names.length === 1 ? `Le volume ${names[0]} existe` : `Les volumes ${list(names, "et")} existent`),
  running: (name, image, env, ports) =>
    `${name} tourne avec l'image ${image}${env.length ? `, ${list(env, "et")}` : ""}${ports.length ? ` et publie ${ports.length === 1 ? "le port" : "les ports"} ${list(ports, "et")}` : ""}`,
  exited: (name, image) => `${name} a été lancé avec l'image ${image} et s'est terminé`,
  mounts: (name, mounts) =>
    mounts.length === 1 && mounts[0].type === "volume" ? `${name} monte le volume ${mountFr(mounts[0])}` : `${name} monte ${list(mounts.map(mountFr), "et")}`,
  networks: (name, networks) =>
    `${name} est relié ${networks.length === 1 ? "au réseau" : "aux réseaux"} ${list(
      networks.map((n) => (n.aliases.length ? `${n.name} (alias ${n.aliases.join(", ")})` : n.name)),
      "et",
    )}`,
  database: (database, user) => `La base ${database} existe et ${user} s'y connecte avec son mot de passe`,
  reaches: (from, host, target, port) => `Depuis ${from}, le nom d'hôte ${host} joint ${target} sur le port ${port}`,
  hostPort: (port) => `Le port ${port} de l'hôte répond`,
  page: (url, status, generated) => `${url} répond ${status}${generated ? " avec une page produite par le serveur" : ""}`,
  fileInVolume: (file, volume) => `${file} est stocké dans le volume ${volume}`,
  filesInVolume: (count, volume) => `Les ${count} fichiers de ${volume} sont dans le volume`,
  restart: (names) => `Arrêt puis redémarrage de ${list(names, "et")}`,
  recreate: (names) => `Suppression puis re-création de ${list(names, "et")} sur les mêmes volumes`,
  survivesRestart: (items) => `Après un arrêt et un redémarrage, ${list(items, "et")}`,
  survivesRecreate: (items) => `Après re-création des conteneurs, ${list(items, "et")}`,
  served: (path) => `${path} est servi`,
  databaseExists: (database) => `la base ${database} existe`,
  stillRunning: (name) => `${name} tourne`,
  script: (file, exitCode, first) => `Sans argument, ${file} sort avec le code ${exitCode}${first ? ` et affiche « ${first} »` : ""}`,
  description: (script) => `Brouillon écrit par labgrade draft à partir de la solution (${script}) : relisez les titres, les points et les vérifications.`,
};

const en: Words = {
  volumes: (names) => (names.length === 1 ? `Volume ${names[0]} exists` : `Volumes ${list(names, "and")} exist`),
  running: (name, image, env, ports) =>
    `${name} runs image ${image}${env.length ? ` with ${list(env, "and")}` : ""}${ports.length ? ` and publishes ${ports.length === 1 ? "port" : "ports"} ${list(ports, "and")}` : ""}`,
  exited: (name, image) => `${name} ran image ${image} and exited`,
  mounts: (name, mounts) => (mounts.length === 1 && mounts[0].type === "volume" ? `${name} mounts volume ${mountEn(mounts[0])}` : `${name} mounts ${list(mounts.map(mountEn), "and")}`),
  networks: (name, networks) =>
    `${name} is attached to ${networks.length === 1 ? "network" : "networks"} ${list(
      networks.map((n) => (n.aliases.length ? `${n.name} (alias ${n.aliases.join(", ")})` : n.name)),
      "and",
    )}`,
  database: (database, user) => `Database ${database} exists and ${user} connects to it with its password`,
  reaches: (from, host, target, port) => `From ${from}, host name ${host} reaches ${target} on port ${port}`,
  hostPort: (port) => `Port ${port} of the host answers`,
  page: (url, status, generated) => `${url} answers ${status}${generated ? " with a page the server generates" : ""}`,
  fileInVolume: (file, volume) => `${file} is stored in volume ${volume}`,
  filesInVolume: (count, volume) => `The ${count} files of ${volume} are in the volume`,
  restart: (names) => `Stop, then start again, ${list(names, "and")}`,
  recreate: (names) => `Remove ${list(names, "and")}, then create them again on the same volumes`,
  survivesRestart: (items) => `After a stop and a start, ${list(items, "and")}`,
  survivesRecreate: (items) => `After the containers are re-created, ${list(items, "and")}`,
  served: (path) => `${path} is served`,
  databaseExists: (database) => `database ${database} exists`,
  stillRunning: (name) => `${name} runs`,
  script: (file, exitCode, first) => `Run without arguments, ${file} exits with code ${exitCode}${first ? ` and prints "${first}"` : ""}`,
  description: (script) => `Drafted by labgrade draft from the reference answer (${script}): review the titles, points and checks.`,
};

export const WORDS: Record<Lang, Words> = { fr, en };

/** The header and comments of a draft, for the instructor (not students). */
export const NOTES: Record<Lang, Record<string, (data: Record<string, string | number>) => string>> = {
  en: {
    drafted: (d) => `Drafted by labgrade draft from ${d.dir}. Every check passed on the reference answer.`,
    points: (d) => `Points are a first guess (${d.total} in all): move them, cut checks, add hints.`,
    secret: (d) => `${d.name} looks like a secret: any non-empty value passes.`,
    password: (d) => `The reference's ${d.name}: the lab statement must give it to students.`,
    random: (d) => `The page prints its query string: a page written by hand cannot know \${random.${d.name}}.`,
    serviceData: (d) => `Volume ${d.volume}: its files are ${d.container}'s own data (${d.destination} is a VOLUME of ${d.image}); not checked.`,
    tooMany: (d) => `Volume ${d.volume} holds ${d.count} files: a service's data, not checked file by file.`,
    exitCode: (d) => `The reference's ${d.script} exited with code ${d.code}.`,
    content: (d) => `The reference's file begins: ${d.text}`,
    dropped: (d) => `Left out, as it did not pass on the reference answer: ${d.id} (${d.title}).`,
  },
  fr: {
    drafted: (d) => `Brouillon écrit par labgrade draft à partir de ${d.dir}. Chaque vérification passe sur la solution.`,
    points: (d) => `Les points sont une première proposition (${d.total} en tout) : déplacez-les, retirez des vérifications, ajoutez des indices.`,
    secret: (d) => `${d.name} ressemble à un secret : toute valeur non vide est acceptée.`,
    password: (d) => `Le ${d.name} de la solution : l'énoncé doit le donner aux étudiants.`,
    random: (d) => `La page affiche sa query string : une page écrite à la main ne peut pas connaître \${random.${d.name}}.`,
    serviceData: (d) => `Volume ${d.volume} : ses fichiers sont les données de ${d.container} (${d.destination} est un VOLUME de ${d.image}) ; non vérifiés.`,
    tooMany: (d) => `Le volume ${d.volume} contient ${d.count} fichiers : les données d'un service, non vérifiées fichier par fichier.`,
    exitCode: (d) => `Le script ${d.script} de la solution est sorti avec le code ${d.code}.`,
    content: (d) => `Le fichier de la solution commence par : ${d.text}`,
    dropped: (d) => `Retiré, car non réussi par la solution : ${d.id} (${d.title}).`,
  },
};
