/**
 * The boundary between the engine and the graders. A grader reaches Docker
 * only through its context, so a unit test can hand it a fake one.
 */
import type { ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  stdin?: string | Buffer;
  timeoutMs?: number;
  workdir?: string;
  env?: Record<string, string>;
}

/** Commands run in the sandbox itself (the DinD container), not in an inner container. */
export interface SandboxShell {
  exec(argv: string[], options?: ExecOptions): Promise<CommandResult>;
}

export interface ProbeMount {
  /** A volume name, or an absolute path in the sandbox (a bind mount). */
  source: string;
  target: string;
  writable?: boolean;
}

/** A short-lived container of the harness's own: what `docker run --rm` of it is given. */
export interface ProbeRun {
  image: string;
  /** `none`, or `container:<name>` to share a container's network (its interfaces, /etc/hosts and DNS). */
  network: string;
  mounts?: ProbeMount[];
  argv: string[];
  /** Its whole standard input (`docker run -i`). */
  stdin?: string;
  timeoutMs?: number;
}

/** The sandbox's own Docker engine, where the student's containers live. */
export interface InnerDocker {
  /** `docker inspect` of a container; undefined when there is none by that name. */
  container(name: string): Promise<ContainerInspectInfo | undefined>;
  volume(name: string): Promise<VolumeInspectInfo | undefined>;
  /** `docker network inspect`; undefined when there is none by that name. */
  network(name: string): Promise<NetworkInspectInfo | undefined>;
  /** Names of every container, running or not. */
  containerNames(): Promise<string[]>;
  volumeNames(): Promise<string[]>;
  /** Every container's inspection, running or not, as `docker ps -a` lists them; throws when the engine cannot list them. */
  containers(): Promise<ContainerInspectInfo[]>;
  /** Every volume's inspection; throws when the engine cannot list them. */
  volumes(): Promise<VolumeInspectInfo[]>;
  /** Names of every network, the engine's own (bridge, host, none) included. */
  networkNames(): Promise<string[]>;
  /** Runs the docker CLI inside the sandbox. */
  cli(args: string[], options?: ExecOptions): Promise<CommandResult>;
  /**
   * One of the harness's probe containers, run as `docker run --rm --label labgrade.probe=1`
   * runs it: what it printed on each stream and its exit code (125 when it could not start).
   */
  probe(run: ProbeRun): Promise<CommandResult>;
  /** `docker exec [-e K=V]... <container> <argv>`: what it prints on each stream, and its exit code. */
  exec(container: string, argv: string[], options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<CommandResult>;
  /** Calls the Engine API through the sandbox's socket. */
  api(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export interface GraderContext {
  shell: SandboxShell;
  docker: InnerDocker;
  /** The submission's folder inside the sandbox: the student script's working directory. */
  submissionDir: string;
  /** An image, present in every sandbox, for short-lived probe containers. */
  probeImage: string;
  /** Runs one of the submission's scripts, with the same limits as the entry script. */
  runScript(file: string, args: string[], timeoutMs?: number): Promise<ScriptOutcome>;
  /** Evaluates another check type's spec: how composite checks reuse graders. */
  check(type: string, spec: unknown): Promise<Outcome>;
}

export interface ScriptOutcome {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  durationMs: number;
  /** The wall-clock limit it ran under. */
  timeoutMs: number;
}

/**
 * A value a student reads, as data: a phrase id and what fills its
 * {placeholders}. The grader's own messages (then the shared ones in
 * support/phrases.ts) give its words in each language; the runner renders it
 * in the student's language, so no English or matcher syntax leaks into a
 * French sentence.
 */
export interface Phrase {
  id: string;
  data?: PhraseData;
}

/** A placeholder's value: a name or number as it is, a phrase, or a list of phrases (joined with commas). */
export type PhraseValue = string | number | Phrase | Phrase[];

export type PhraseData = Record<string, PhraseValue>;

/** What a grader reports; the engine turns it into points and a message. */
export interface Outcome {
  passed: boolean;
  /** Share of the check's items that passed (0..1), used when the step asks for partial credit. */
  ratio?: number;
  /** Key of the grader's `messages`; its {placeholders} are filled from `data`. */
  messageId?: string;
  data?: PhraseData;
  /** Retrying cannot change this outcome (e.g. the container does not exist): stop waiting. */
  final?: boolean;
  /** Whose messages the ids name, when not the step's own grader's: a composite check passes on its inner check's outcome. */
  grader?: string;
  /** What was expected and what was found, in the student's words: one phrase per wrong item. */
  expected?: Phrase[];
  actual?: Phrase[];
}

export type StepKind = "check" | "action";

/** A JSON-Schema fragment (draft 2020-12 subset used with ajv). */
export type JsonSchema = Record<string, unknown>;

export interface Grader<Spec = any> {
  meta: {
    /** The step key that selects this grader, kebab-case. */
    type: string;
    /** Whether a step may use it as a check, an action, or both. */
    kinds: StepKind[];
    description: string;
    /**
     * As a check, it only reads the sandbox's state (a probe container it runs and removes
     * aside): between two actions its inspections may be shared with other checks.
     */
    readsOnly?: boolean | ((spec: Spec) => boolean);
  };
  /** Schema of the grader's own keys; must set additionalProperties: false. */
  schema: JsonSchema;
  /**
   * Messages for students, with {placeholders}: each failure message says expected, found, what
   * to try; the phrases its expected and found values use are here too.
   */
  messages: Record<string, string>;
  /** The same messages in other languages: same keys, same {placeholders}. */
  translations?: { fr?: Record<string, string> };
  evaluate(ctx: GraderContext, spec: Spec): Promise<Outcome>;
  /**
   * The submission's script a step of this type runs, if it runs one: a step that runs the
   * entry script places it among the steps, where the engine would otherwise run it first.
   */
  runsScript?(spec: Spec): string | undefined;
  /** One line for the checklist a student reads (`labgrade explain`): what must hold. */
  describe(spec: Spec): string;
}
