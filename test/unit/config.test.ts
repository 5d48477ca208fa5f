import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

describe("configuration", () => {
  it("has working defaults: PGlite, the offline model, Front's API", () => {
    const config = parseConfig({});
    expect(config.AI_MODEL).toBeUndefined();
    expect(config).toMatchObject({ PGLITE_DIR: ".data/pglite", FRONT_API_BASE_URL: "https://api2.frontapp.com" });
    expect(config.FRONT_HANDLE_UNASSIGNED).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads flags and trims blanks to unset", () => {
    const config = parseConfig({ FRONT_HANDLE_UNASSIGNED: "true", FRONT_API_TOKEN: "  ", DATABASE_URL: "" });
    expect(config.FRONT_HANDLE_UNASSIGNED).toBe(true);
    expect(config.FRONT_API_TOKEN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable on its own line, hiding secret values", () => {
    let error: unknown;
    try {
      parseConfig({ APP_URL: "not a url", AI_MODEL: "gpt4", FRONT_AI_TEAMMATE_ID: "ai01", DATABASE_URL: "mysql://x" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((line) => line.startsWith("APP_URL"))).toContain("got 'not a url'");
    expect(problems.find((line) => line.startsWith("AI_MODEL"))).toContain("openai:<model>");
    expect(problems.find((line) => line.startsWith("FRONT_AI_TEAMMATE_ID"))).toContain("tea_");
    expect(problems.find((line) => line.startsWith("DATABASE_URL"))).toContain("postgres://");
    expect((error as Error).message.split("\n")[0]).toBe("Invalid configuration:");
  });

  it("reads the worker lease, two minutes unless set, and refuses one under a second", () => {
    expect(parseConfig({}).WORKER_LEASE_MS).toBe(120_000);
    expect(parseConfig({ WORKER_LEASE_MS: "3000" }).WORKER_LEASE_MS).toBe(3_000);
    expect(() => parseConfig({ WORKER_LEASE_MS: "500" })).toThrow(/WORKER_LEASE_MS must be at least 1000/);
    expect(() => parseConfig({ WORKER_LEASE_MS: "soon" })).toThrow(/WORKER_LEASE_MS/);
  });

  it("requires a base URL for OpenAI-compatible servers", () => {
    expect(() => parseConfig({ AI_MODEL: "openai-compatible:llama3" })).toThrow(/AI_BASE_URL is required/);
    expect(
      parseConfig({ AI_MODEL: "openai-compatible:llama3", AI_BASE_URL: "http://127.0.0.1:11434/v1" }).AI_BASE_URL,
    ).toBe("http://127.0.0.1:11434/v1");
  });

  it("keeps texts for ever unless RETENTION_DAYS is a whole number of days", () => {
    expect(parseConfig({}).RETENTION_DAYS).toBeUndefined();
    expect(parseConfig({ RETENTION_DAYS: " " }).RETENTION_DAYS).toBeUndefined();
    expect(parseConfig({ RETENTION_DAYS: "90" }).RETENTION_DAYS).toBe(90);
    expect(() => parseConfig({ RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS must be at least 1 day/);
    expect(() => parseConfig({ RETENTION_DAYS: "1.5" })).toThrow(/RETENTION_DAYS must be a whole number of days/);
    expect(() => parseConfig({ RETENTION_DAYS: "forever" })).toThrow(/RETENTION_DAYS/);
  });
});
