// How settings layers combine. Scalars: the higher layer wins. Arrays: concatenated, higher layer
// first, without repeats. Objects: merged key by key with these same rules.

export type JsonObject = Record<string, unknown>;

/** Merges layers given highest precedence first. */
export function mergeSettingsLayers(layers: readonly JsonObject[]): JsonObject {
  return layers.reduce<JsonObject>((merged, lower) => mergeObjects(merged, lower), {});
}

export function mergeValues(higher: unknown, lower: unknown): unknown {
  if (higher === undefined) return lower;
  if (lower === undefined) return higher;
  if (Array.isArray(higher) && Array.isArray(lower)) return withoutRepeats([...higher, ...lower]);
  if (isPlainObject(higher) && isPlainObject(lower)) return mergeObjects(higher, lower);
  return higher;
}

function mergeObjects(higher: JsonObject, lower: JsonObject): JsonObject {
  const keys = new Set([...Object.keys(higher), ...Object.keys(lower)]);
  // fromEntries defines own properties, so a "__proto__" key in a settings file stays plain data.
  return Object.fromEntries(
    [...keys].map((key) => [key, mergeValues(ownValue(higher, key), ownValue(lower, key))]),
  );
}

function ownValue(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function withoutRepeats<T>(items: readonly T[], identity: (item: T) => string = stableKey): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = identity(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stableKey(value: unknown): string {
  return typeof value === 'string' ? `s:${value}` : `j:${JSON.stringify(value)}`;
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
