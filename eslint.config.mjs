import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    // The layers, bottom up: lib/domain.ts imports nothing; text analysis serves every model, so it never reaches up
    // into one (its tests may read the offline model's fixtures).
    files: ["lib/domain.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["*"], message: "lib/domain.ts is the bottom layer: it imports nothing." }] }] },
  },
  {
    files: ["lib/text-analysis/**/*.ts"],
    ignores: ["lib/text-analysis/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/agent/**", "@/lib/agent/**"], message: "Text analysis serves every model: it must not import the agent or the offline model." }] }],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**"],
  },
];

export default config;
