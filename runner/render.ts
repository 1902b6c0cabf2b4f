/** Fills `{name}` placeholders; an unknown one stays visible rather than vanishing. */
export function render(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{([a-zA-Z][\w-]*)\}/g, (whole, key: string) => {
    const value = data[key];
    return value === undefined ? whole : String(value);
  });
}
