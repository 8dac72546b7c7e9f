/** Writing keys that come from data (a server's answer, a file's header) without touching prototypes. */

/**
 * Sets an own, enumerable, writable property, even one named `__proto__`: a plain assignment of that key
 * would set the object's prototype from the data instead (or, for a value that is not an object, drop it).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
