import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AuthUser } from "@/lib/auth/types";

// The guard keeps its real rules (assertAllowed) for this file's user, so 401 and 403 are the app's own answers.
const current = vi.hoisted(() => ({ user: null as AuthUser | null }));
vi.mock("@/lib/auth/guard", async () => {
  const { assertAllowed } = await import("@/lib/auth/session-user");
  return {
    requireUser: async () => assertAllowed(current.user),
    requireAdmin: async () => assertAllowed(current.user, "admin"),
  };
});

const { route } = await import("@/lib/api/route");

const ADMIN: AuthUser = { id: "u-admin", email: "admin@frontline.test", name: "Admin", role: "admin" };
const VIEWER: AuthUser = { id: "u-viewer", email: "viewer@frontline.test", name: "Viewer", role: "viewer" };
const URL_BASE = "http://frontline.test/api/things";

const post = (body: string) =>
  new Request(URL_BASE, { method: "POST", headers: { "content-type": "application/json" }, body });
const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });

async function answer(response: Response) {
  return {
    status: response.status,
    cacheControl: response.headers.get("cache-control"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

afterEach(() => {
  current.user = null;
  vi.restoreAllMocks();
});

describe("route(): one way to write an API route", () => {
  it("signs in: 401 signed out, 403 for a viewer on an admin route, the user to the handler otherwise", async () => {
    const adminOnly = route({ role: "admin" }, async ({ user }) => ({ email: user.email }));
    const signedIn = route({ role: "viewer" }, async ({ user }) => ({ email: user.email }));

    expect(await answer(await signedIn(new Request(URL_BASE)))).toEqual({
      status: 401,
      cacheControl: "no-store",
      body: { error: { code: "unauthorized", message: "Sign in to continue." } },
    });
    current.user = VIEWER;
    expect(await answer(await adminOnly(new Request(URL_BASE)))).toMatchObject({
      status: 403,
      body: { error: { code: "forbidden", message: "Only an admin can do this." } },
    });
    expect(await answer(await signedIn(new Request(URL_BASE)))).toMatchObject({
      status: 200,
      body: { email: VIEWER.email },
    });
    current.user = ADMIN;
    expect(await answer(await adminOnly(new Request(URL_BASE)))).toMatchObject({
      status: 200,
      body: { email: ADMIN.email },
    });
  });

  it("asks nobody to sign in on a route open to anyone", async () => {
    const open = route({ role: "none" }, async ({ user }) => ({ user }));
    expect(await answer(await open(new Request(URL_BASE)))).toMatchObject({ status: 200, body: { user: null } });
  });

  it("reads the body: 400 when it is not JSON, 422 naming the field when the schema refuses it", async () => {
    current.user = ADMIN;
    const handler = vi.fn(async ({ body }: { body: { name: string } }) => ({ saved: body.name }));
    const create = route(
      { role: "admin", body: z.object({ name: z.string().trim().min(1, "give it a name") }).strict() },
      handler,
    );

    expect(await answer(await create(post("{not json")))).toEqual({
      status: 400,
      cacheControl: "no-store",
      body: { error: { code: "invalid_json", message: "The body is not valid JSON." } },
    });
    expect(await answer(await create(post(JSON.stringify({ name: "  " }))))).toEqual({
      status: 422,
      cacheControl: "no-store",
      body: { error: { code: "invalid_input", message: "name: give it a name" } },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(await answer(await create(post(JSON.stringify({ name: " Returns " }))))).toMatchObject({
      status: 200,
      body: { saved: "Returns" },
    });
  });

  it("reads the query string: an empty value is no value, the first of a repeated name wins", async () => {
    current.user = VIEWER;
    const list = route(
      {
        role: "viewer",
        query: z.object({ q: z.string().optional(), limit: z.coerce.number().int().min(1).default(50) }),
      },
      async ({ query }) => query,
    );

    expect((await answer(await list(new Request(`${URL_BASE}?q=&limit=`)))).body).toEqual({ limit: 50 });
    expect((await answer(await list(new Request(`${URL_BASE}?q=gift&q=card&limit=5&other=1`)))).body).toEqual({
      q: "gift",
      limit: 5,
    });
    expect(await answer(await list(new Request(`${URL_BASE}?limit=0`)))).toMatchObject({
      status: 422,
      body: { error: { code: "invalid_input" } },
    });
  });

  it("hands the handler the URL's dynamic segments", async () => {
    current.user = VIEWER;
    const one = route({ role: "viewer" }, async ({ params: { id } }) => ({ id }));
    expect((await answer(await one(new Request(`${URL_BASE}/t1`), params({ id: "t1" })))).body).toEqual({ id: "t1" });
  });

  it("answers no-store, keeps a Response's own status and headers", async () => {
    current.user = ADMIN;
    const created = route({ role: "admin" }, async () => Response.json({ id: 1 }, { status: 201 }));
    const download = route(
      { role: "admin" },
      async () =>
        new Response("{}\n", {
          headers: { "content-type": "application/x-ndjson", "cache-control": "private, max-age=60" },
        }),
    );

    const response = await created(new Request(URL_BASE, { method: "POST" }));
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const file = await download(new Request(URL_BASE));
    expect([file.headers.get("content-type"), file.headers.get("cache-control")]).toEqual([
      "application/x-ndjson",
      "private, max-age=60",
    ]);
  });

  it("maps a service's error by its name, whichever bundle's class threw it", async () => {
    current.user = ADMIN;
    // Classes of the same names as the services' own, as another route bundle's copy would be: not `instanceof` them.
    class DuplicateTitleError extends Error {
      override name = "DuplicateTitleError";
    }
    class ActionStoreError extends Error {
      override name = "ActionStoreError";
      constructor(
        readonly code: string,
        message: string,
      ) {
        super(message);
      }
    }
    class LockedSettingError extends Error {
      override name = "LockedSettingError";
    }
    const throwing = (error: Error) =>
      route({ role: "admin" }, async () => Promise.reject(error))(new Request(URL_BASE));

    expect(
      await answer(await throwing(new DuplicateTitleError('An article titled "Returns" already exists.'))),
    ).toEqual({
      status: 409,
      cacheControl: "no-store",
      body: {
        error: {
          code: "duplicate_title",
          message: 'An article titled "Returns" already exists. Choose another title, or edit that article.',
        },
      },
    });
    expect((await answer(await throwing(new ActionStoreError("not_found", "No such action.")))).status).toBe(404);
    expect(
      (await answer(await throwing(new ActionStoreError("address_not_allowed", "Not on the allow-list.")))).body,
    ).toEqual({ error: { code: "address_not_allowed", message: "Not on the allow-list." } });
    expect(
      (
        await answer(
          await throwing(
            new LockedSettingError("model is set in the environment (AI_MODEL) and cannot be changed here"),
          ),
        )
      ).body,
    ).toEqual({
      error: { code: "locked", message: "model is set in the environment (AI_MODEL) and cannot be changed here" },
    });
  });

  it("answers anything else with a 500 that gives nothing away", async () => {
    current.user = ADMIN;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = route({ role: "admin" }, async () => {
      throw new Error("connection refused at db.internal:5432");
    });
    expect(await answer(await broken(new Request(URL_BASE)))).toEqual({
      status: 500,
      cacheControl: "no-store",
      body: { error: { code: "internal", message: "Something went wrong on our side." } },
    });
    expect(log).toHaveBeenCalled();
  });
});
