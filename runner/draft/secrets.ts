/** Which environment variables hold secrets: a draft matches their values loosely and never prints them in a title. */

const SECRET_WORDS = /(^|_)(PASS|PASSWD|PWD|KEY|KEYS|AUTH|SALT|PIN)(_|$)|PASSWORD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY/i;

export function isSecretName(name: string): boolean {
  return SECRET_WORDS.test(name);
}

/** The value itself looks generated: long and without a word in it (a key, a hash, a token). */
export function looksGenerated(value: string): boolean {
  return value.length >= 24 && /^[A-Za-z0-9+/=_.-]+$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

export function isSecret(name: string, value: string): boolean {
  return isSecretName(name) || looksGenerated(value);
}
