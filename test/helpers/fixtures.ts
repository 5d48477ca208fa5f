import { readFileSync } from "node:fs";
import path from "node:path";

/** The shared Front fixtures, next to the repository (../shared/front/fixtures). */
export const FIXTURES_DIR = process.env.FRONT_FIXTURES_DIR ?? path.resolve(process.cwd(), "../shared/front/fixtures");

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, `${name}.json`), "utf8");
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}
