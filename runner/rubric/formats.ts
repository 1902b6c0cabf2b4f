/** The rubric schema's own string formats: the runtime Ajv and the precompiled validators both take them from here. */
export function isRegex(source: string): boolean {
  try {
    new RegExp(source, "m");
    return true;
  } catch {
    return false;
  }
}

export const FORMATS = {
  regex: { type: "string", validate: isRegex },
} as const;
