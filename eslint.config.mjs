import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * lib/db is the bottom of lib: it imports nothing above it, so any module may use it without a cycle. Below it sit
 * only modules that import nothing of the app but one another (import/no-restricted-paths checks that below):
 * - domain: the vocabulary;
 * - channels/contact, inbox/session-filters: the Inbox's filter contract, pure, which the sessions queries implement;
 * - agent/outcome, evals/case, evals/score, evals/graded-checks: the formats the eval tables store as JSON;
 * and config, the environment, which names the database lib/db/index.ts opens.
 */
const LEAVES_BELOW_DB = [
  "domain",
  "channels/contact",
  "inbox/session-filters",
  "agent/outcome",
  "evals/case",
  "evals/score",
  "evals/graded-checks",
];
const BELOW_DB = [...LEAVES_BELOW_DB, "config"];

/** An import that leaves lib/db (`up` reaches lib from the file's folder), but not for a module below it. */
function aboveDb(up) {
  return {
    regex: `^(?:${up}|@/(?!lib/))(?!(?:db(?:/.*)?|${BELOW_DB.join("|")})$)`,
    message:
      "lib/db is the bottom layer: it imports only the modules listed in eslint.config.mjs. Move the logic up, or the shared type down.",
  };
}

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["lib/db/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [aboveDb("\\.\\./|@/lib/")] }] },
  },
  {
    files: ["lib/db/*/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [aboveDb("\\.\\./\\.\\./|@/lib/")] }] },
  },
  {
    files: LEAVES_BELOW_DB.map((leaf) => `lib/${leaf}.ts`),
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: LEAVES_BELOW_DB.map((leaf) => `./lib/${leaf}.ts`),
              from: "./lib",
              except: LEAVES_BELOW_DB.map((leaf) => `./${leaf}.ts`),
              message: "A module below lib/db imports only the others below it (see eslint.config.mjs).",
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles in lib: they break the layers and make module load order matter.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    // Packages are not followed: a cycle in lib runs through lib, and some packages' bundles are too deep to parse.
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // The layers, bottom up: lib/domain.ts imports nothing; text analysis serves every model, so it never reaches up
    // into one (its tests may read the offline model's fixtures).
    files: ["lib/domain.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["*"], message: "lib/domain.ts is the bottom layer: it imports nothing." }] },
      ],
    },
  },
  {
    files: ["lib/text-analysis/**/*.ts"],
    ignores: ["lib/text-analysis/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/agent/**", "@/lib/agent/**"],
              message: "Text analysis serves every model: it must not import the agent or the offline model.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "drizzle/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
    ],
  },
];

export default config;
