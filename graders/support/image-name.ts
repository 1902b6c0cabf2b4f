/** Image references compare by meaning: `mysql` is `docker.io/library/mysql:latest`. */
export function normalizeImageName(reference: string): string {
  let name = reference.trim();
  const digest = name.indexOf("@");
  if (digest >= 0) name = name.slice(0, digest);
  const lastSlash = name.lastIndexOf("/");
  if (!name.slice(lastSlash + 1).includes(":")) name = `${name}:latest`;
  name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "");
  return name.startsWith("library/") ? name.slice("library/".length) : name;
}

export function sameImage(a: string, b: string): boolean {
  return normalizeImageName(a) === normalizeImageName(b);
}
