export { toClassroomOutput, toClassroomPayload } from "./classroom";
export type { ClassroomPayload, ClassroomStatus, ClassroomTest } from "./classroom";
export { toConsole } from "./console";
export type { ConsoleOptions } from "./console";
export { toJson } from "./json";
export { toJunit } from "./junit";
export type { JunitOptions } from "./junit";
export { toMarkdown } from "./markdown";
