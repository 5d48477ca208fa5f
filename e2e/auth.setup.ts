import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN } from "./accounts";

// Runs before each project's specs: signs in as the admin through the sign-in API and saves the session cookie,
// which the project's storageState gives every page and request.
setup("sign in as the admin", async ({ request }, testInfo) => {
  const file = (testInfo.project.metadata as { storageState: string }).storageState;
  const response = await request.post("/api/auth/sign-in/email", {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(response.status(), await response.text()).toBe(200);
  const me = await request.get("/api/sessions?limit=1");
  expect(me.status()).toBe(200);
  mkdirSync(path.dirname(file), { recursive: true });
  await request.storageState({ path: file });
});
