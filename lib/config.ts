import { z } from "zod";
import { parseAllowList } from "./actions/network-guard";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth/password-policy";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/** A switch that may be left unset (then the value saved in Settings applies). */
const optionalBooleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value === "true" || value === "1"));

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

/** Like optionalText, but kept exactly as given when set (a password's spaces are part of it). */
const optionalSecretText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

/** Every setting Frontline reads from the environment. `.env.example` documents each one. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url({ message: "must be a URL such as http://localhost:3000" }).default("http://localhost:3000"),
  DATABASE_URL: optionalText.pipe(
    z.string().startsWith("postgres", "must start with postgres:// or postgresql://").optional(),
  ),
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** Where Frontline keeps local files such as a generated encryption key. */
  DATA_DIR: z.string().default(".data"),
  /** 32-byte key (base64 or hex) for secrets at rest; generated into DATA_DIR on first start when unset. */
  ENCRYPTION_KEY: optionalText,
  FRONT_API_BASE_URL: z
    .url({ message: "must be a URL such as https://api2.frontapp.com" })
    .default("https://api2.frontapp.com"),
  FRONT_API_TOKEN: optionalText,
  FRONT_APP_SECRET: optionalText,
  FRONT_RULE_WEBHOOK_SECRET: optionalText,
  FRONT_AI_TEAMMATE_ID: optionalText.pipe(
    z.string().startsWith("tea_", "must be a Front teammate id (tea_…)").optional(),
  ),
  FRONT_HANDLE_UNASSIGNED: optionalBooleanFlag,
  /** Front's per-minute request budget for the company (50, 100 or 200 by plan); adjusted from Front's headers. */
  FRONT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Unset: the model chosen in Settings → AI applies (the offline model until one is chosen). */
  AI_MODEL: optionalText.pipe(
    z
      .string()
      .refine((value) => value === "local" || /^(openai|anthropic|openai-compatible):.+/.test(value), {
        message: "must be local, openai:<model>, anthropic:<model> or openai-compatible:<model>",
      })
      .optional(),
  ),
  AI_BASE_URL: optionalText.pipe(z.url({ message: "must be a URL" }).optional()),
  AI_API_KEY: optionalText,
  /**
   * Hosts custom actions may reach although they are (or resolve to) loopback, private or link-local addresses:
   * comma-separated hostnames, IP addresses or CIDR ranges. Everything else internal is refused.
   */
  ACTIONS_ALLOWED_HOSTS: optionalText.superRefine((value, context) => {
    try {
      parseAllowList(value);
    } catch (error) {
      context.addIssue({ code: "custom", message: `has ${(error as Error).message}` });
    }
  }),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * How long a claimed job stays a worker's without a heartbeat (sent every third of it): a killed worker's jobs go
   * to another worker after this long. Shorter recovers faster; too short lets a stalled worker lose jobs it still runs.
   */
  WORKER_LEASE_MS: z.coerce
    .number()
    .int()
    .min(1_000, "must be at least 1000 (one second)")
    .max(3_600_000)
    .default(120_000),
  /** Set to false to run the web process without the embedded worker (then run `npm run worker`). */
  EMBEDDED_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /** Load the sample knowledge base on start when it is empty (the demo sets this). */
  SEED_SAMPLE_DATA: booleanFlag,
  /** With SEED_SAMPLE_DATA: days of sample history written in the background (0 for none). */
  SAMPLE_HISTORY_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** Days after a session's last activity when its texts are deleted (its outcome and figures stay); unset: kept for ever. */
  RETENTION_DAYS: optionalText.pipe(
    z.coerce
      .number<string | undefined>()
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(36_500)
      .optional(),
  ),
  /** Days the audit log keeps a row; unset: kept for ever. At least 30, so a month's changes can always be reviewed. */
  AUDIT_RETENTION_DAYS: optionalText.pipe(
    z.coerce
      .number<string | undefined>()
      .int("must be a whole number of days")
      .min(30, "must be at least 30 days")
      .max(36_500)
      .optional(),
  ),
  /** Signs session cookies; generated into DATA_DIR on first start when unset. */
  BETTER_AUTH_SECRET: optionalText.pipe(
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  /** The first admin, created on start when no account has this email (an existing password is never changed). */
  ADMIN_EMAIL: optionalText.pipe(z.email("must be an email address").optional()),
  ADMIN_PASSWORD: optionalSecretText.pipe(
    z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
      .optional(),
  ),
});

export type Config = z.infer<typeof configSchema>;

/** Raised at start when the environment is wrong; its message names every bad variable, one per line. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return refine(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const value = env[name];
    const shown = value === undefined ? "" : ` (got '${isSecretName(name) ? "…" : value}')`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}

function refine(config: Config): Config {
  const problems: string[] = [];
  if (config.AI_MODEL?.startsWith("openai-compatible:") && !config.AI_BASE_URL) {
    problems.push("AI_BASE_URL is required when AI_MODEL is openai-compatible:<model>");
  }
  if (config.ADMIN_EMAIL && !config.ADMIN_PASSWORD) problems.push("ADMIN_PASSWORD is required when ADMIN_EMAIL is set");
  if (config.ADMIN_PASSWORD && !config.ADMIN_EMAIL) problems.push("ADMIN_EMAIL is required when ADMIN_PASSWORD is set");
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isSecretName(name: string): boolean {
  return /TOKEN|SECRET|KEY|PASSWORD/.test(name);
}

let cached: Config | undefined;

/** The process's configuration, parsed once. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment. */
export function resetConfigCache(): void {
  cached = undefined;
}
