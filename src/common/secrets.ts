/** Names that carry a secret, normalised (lower case, no `_`/`-`/space): keys, passwords, tokens. */
const SECRET_NAME = /(xcleapi|apikey|password|passwd|secret|token|authorization|cookie|sessionid)/;

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * True for a parameter or property name that carries a secret however it is spelled on the wire
 * (`xCle%41PI`, `%78CleAPI`, `xCleAPI[]`, `api_key`, `PASSWORD_ODOO`…).
 */
export function isSecretName(name: string): boolean {
  const normalised = decode(name)
    .replace(/\[.*$/, '')
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  return SECRET_NAME.test(normalised);
}

/** The first property name, at any depth, that carries a secret (see isSecretName), or null. */
export function findSecretKey(value: unknown, maxDepth = 32): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || depth > maxDepth) continue;
    for (const [key, child] of Object.entries(current)) {
      if (!Array.isArray(current) && isSecretName(key)) return key;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}
