/**
 * The end state a reference answer leaves in its sandbox, as `labgrade draft`
 * reads it: plain data, so that turning it into checks needs no engine.
 */

export interface VolumeFile {
  /** Relative to the volume's root. */
  path: string;
  size: number;
  /** Its text, when it is small UTF-8 text. */
  text?: string;
}

export interface VolumeState {
  name: string;
  files: VolumeFile[];
  /** Why its files are not checked: a service's own data, or too many files. */
  skipFiles?: { reason: "service-data"; container: string; image: string; destination: string } | { reason: "too-many"; count: number };
}

export interface MountState {
  type: "volume" | "bind" | "tmpfs";
  /** The volume's name, or the bind mount's source (relative to the submission folder when inside it). */
  source?: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerState {
  name: string;
  /** Compose's service, when Compose made it. */
  service?: string;
  image: string;
  state: "running" | "exited" | "created" | "paused";
  /** Variables the script set: the container's environment minus its image's own. */
  env: Record<string, string>;
  ports: { container: number; host: number; protocol: "tcp" | "udp" }[];
  /** Named volumes, binds and tmpfs; anonymous volumes are left out. */
  mounts: MountState[];
  /** User-defined networks, each with the aliases the script gave. */
  networks: { name: string; aliases: string[] }[];
  /** --link target:alias. */
  links: { target: string; alias: string }[];
  /** The image's EXPOSE, lowest first. */
  exposed: number[];
  /** The image's VOLUME declarations: where a service keeps its own data. */
  imageVolumes: string[];
  workingDir?: string;
}

export interface HttpAnswer {
  port: number;
  path: string;
  status: number;
  /** Text every answer held: the page's title or first line. */
  marker?: string;
  /** The page printed the query string it was asked with: a server generated it. */
  echoesQuery: boolean;
  /** The volume file it serves, if it is one. */
  file?: { volume: string; path: string };
}

export interface ScriptEnd {
  file: string;
  exitCode: number | null;
  output: string;
}

export interface EndState {
  script: ScriptEnd;
  volumes: VolumeState[];
  containers: ContainerState[];
  http: HttpAnswer[];
}
