/** An expectation as a rubric writes it: a plain value (equals) or one matcher key. */
export type Matcher =
  | string
  | number
  | boolean
  | { equals: unknown }
  | { contains: string | number }
  | { matches: string }
  | { not: Matcher }
  | { "one-of": unknown[] }
  | { "all-of": Matcher[] }
  | { gt: number }
  | { ge: number }
  | { lt: number }
  | { le: number }
  | { length: Matcher }
  | { json: { path: string; value: Matcher } };
