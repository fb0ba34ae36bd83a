// The JSON value type the JSON renderers build documents from (its own module, so renderers that embed
// each other's documents do not import each other).

/** A JSON value, as produced by `toJsonDocument`. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
