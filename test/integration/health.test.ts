import { describe, expect, it } from "vitest";
import { healthResponse } from "@/lib/health";
import { createTestDatabase, dbKinds } from "../helpers/db";

describe.each(dbKinds())("health check on %s", (kind) => {
  it("answers 200 while the database answers and 503 once it does not", async () => {
    const database = await createTestDatabase(kind);
    const ok = await healthResponse(async () => database.db);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", database: "ok" });
    await database.close();
    const down = await healthResponse(async () => database.db);
    expect(down.status).toBe(503);
    expect((await down.json()).status).toBe("unavailable");
  });

  it("answers 503 when the database cannot be opened at all", async () => {
    const down = await healthResponse(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5999");
    });
    expect(down.status).toBe(503);
    expect((await down.json()).database).toContain("ECONNREFUSED");
  });
});
