import { readFileSync } from "node:fs";
import path from "node:path";

/** Example Front bodies (fixtures/README.md says where each shape comes from), kept in the repository. */
export const FIXTURES_DIR = process.env.FRONT_FIXTURES_DIR ?? path.resolve(__dirname, "../fixtures/front/fixtures");

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES_DIR, `${name}.json`), "utf8");
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}
