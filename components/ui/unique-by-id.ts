/** Rows from overlapping keyset pages, each kept once, in first-seen order (a refetch can repeat a row). */
export function uniqueById<T extends { id: string | number }>(rows: Iterable<T>): T[] {
  const seen = new Set<string | number>();
  const unique: T[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    unique.push(row);
  }
  return unique;
}
