/** A value as it arrives over JSON: dates become ISO strings. For answers built from rows, which hold Dates. */
export type Serialized<T> = T extends Date
  ? string
  : T extends Array<infer Item>
    ? Serialized<Item>[]
    : T extends object
      ? { [Key in keyof T]: Serialized<T[Key]> }
      : T;
