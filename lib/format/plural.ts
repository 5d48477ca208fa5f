/**
 * A count with its noun, agreeing in number: "1 delivery", "2 deliveries", "1,204 sessions". English plurals are
 * not all "+s", so an irregular one is named: plural(n, "delivery", "deliveries"). Counts are grouped (en-US), as
 * the rest of the app shows them.
 */
export function plural(count: number, one: string, many?: string): string {
  return `${new Intl.NumberFormat("en-US").format(count)} ${noun(count, one, many)}`;
}

/** The noun alone, for a count shown apart from it: noun(1, "case") → "case", noun(0, "case") → "cases". */
export function noun(count: number, one: string, many: string = `${one}s`): string {
  return count === 1 ? one : many;
}
