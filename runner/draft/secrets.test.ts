import { isSecret, isSecretName, looksGenerated } from "./secrets";

describe("secrets", () => {
  it.each(["MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "POSTGRES_PASSWORD", "API_KEY", "APIKEY", "JWT_SECRET", "GITHUB_TOKEN", "DB_PASS", "AWS_ACCESS_KEY_ID", "PGPASSWORD", "SSH_PRIVATE_KEY", "AUTH"])(
    "%s names a secret",
    (name) => expect(isSecretName(name)).toBe(true),
  );

  it.each(["MYSQL_DATABASE", "MYSQL_USER", "POSTGRES_DB", "PATH", "KEYBOARD_LAYOUT", "MONKEY", "PASSAGE", "APP_ENV", "TZ"])("%s does not", (name) => expect(isSecretName(name)).toBe(false));

  it("takes a long generated value for a secret whatever its name", () => {
    expect(looksGenerated("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b")).toBe(true);
    expect(isSecret("SESSION", "dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0IDEyMw==")).toBe(true);
    expect(looksGenerated("production")).toBe(false);
    expect(looksGenerated("/usr/local/sbin:/usr/local/bin:/usr/sbin")).toBe(false);
    expect(isSecret("MYSQL_DATABASE", "webapp")).toBe(false);
  });
});
