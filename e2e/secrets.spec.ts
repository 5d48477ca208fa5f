import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { request as requestFactory, type APIRequestContext, type APIResponse } from "@playwright/test";
import postgres from "postgres";
import { AI_TEAMMATE_ID, createFrontSimulator, placeSamples, type FrontSimulator } from "../front-sim";
import { decryptSecret, parseEncryptionKey } from "../lib/secrets/encryption";
import { expect, test } from "./fixtures";
import { freePort, runToLog, waitFor } from "./own-app";
import { EXEMPT, realUrl, routesOnDisk } from "./routes";

// A full run of a real app (`next start`, its own database) with distinctive secrets, then a search for them in
// everything it said: every API answer and page as the admin and as the viewer, its stdout and stderr, and every row
// of every table. Secrets arrive every way they can: the environment (rule secret, auth secret, encryption key,
// admin password), Settings → Front (API token, app secret), Settings → AI (a hosted model's key), Settings →
// Actions (a secret header), and the viewer's password through `npm run user:create`.
//
// The hosted model and the action's server are small servers here that echo what they were sent, the worst a
// real one can do (an "Incorrect API key provided: sk-…" error, an API that reflects its request headers).

test.setTimeout(150_000);

const ROOT = process.cwd();

/** Distinctive values, with characters that URL- and base64-encoding change. */
function secretValue(label: string): string {
  return `${label}-${randomBytes(12).toString("base64url")}+x/y=`;
}

const SECRETS = {
  frontApiToken: secretValue("front-token"),
  /** Entered by mistake first: Front refuses it, and the refusal must not repeat it. */
  wrongFrontToken: secretValue("wrong-front-token"),
  frontAppSecret: secretValue("front-app"),
  frontRuleSecret: secretValue("front-rule"),
  aiApiKey: `sk-${secretValue("ai-key")}`,
  actionHeader: secretValue("action-header"),
  authSecret: secretValue("auth-secret-at-least-32-characters"),
  encryptionKey: secretValue("encryption-key"),
  adminPassword: secretValue("admin-pw"),
  viewerPassword: secretValue("viewer-pw"),
};
const ADMIN_EMAIL = "secrets-admin@frontline.local";
const VIEWER_EMAIL = "secrets-viewer@frontline.local";

/** Each form a secret may take in a text: as is, URL-encoded, hex, and base64 (plain and URL-safe) at any alignment. */
function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms = [secret, encodeURIComponent(secret), bytes.toString("hex")];
  for (let shift = 0; shift < 3; shift += 1) {
    // The secret `shift` bytes into a base64 text: the characters that depend only on its own bytes.
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    const start = shift === 0 ? 0 : 4;
    const end = encoded.length - 4;
    const core = encoded.slice(start, end);
    forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

const FORMS = Object.entries(SECRETS).flatMap(([name, secret]) => secretForms(secret).map((form) => ({ name, form })));

/** "name (form) in where" for every secret form found in the text. */
function leaksIn(where: string, text: string): string[] {
  return FORMS.filter(({ form }) => text.includes(form)).map(
    ({ name, form }) =>
      `${name} (${form === SECRETS[name as keyof typeof SECRETS] ? "as is" : `as ${form.slice(0, 12)}…`}) in ${where}`,
  );
}

async function startServer(
  handler: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => handler(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/**
 * A hosted model (OpenAI's chat completions) that echoes its key in errors. The model check (no tools) gets
 * OpenAI's old "Incorrect API key provided: <key>"; an agent run calls the order_status action once, then answers.
 */
function fakeModel(request: IncomingMessage, body: string, response: ServerResponse): void {
  const key = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
  const input = JSON.parse(body || "{}") as { tools?: { function: { name: string } }[]; messages?: { role: string }[] };
  const completion = (message: Record<string, unknown>, finishReason: string) =>
    sendJson(response, 200, {
      id: "chatcmpl-1",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: "echo",
      choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
      usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
    });
  if (!input.tools?.length) {
    sendJson(response, 401, {
      error: { message: `Incorrect API key provided: ${key}.`, type: "invalid_request_error", code: "invalid_api_key" },
    });
  } else if (
    !input.messages?.some((message) => message.role === "tool") &&
    input.tools.some((tool) => tool.function.name === "order_status")
  ) {
    completion(
      {
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "order_status", arguments: JSON.stringify({ order_id: "4411" }) },
          },
        ],
      },
      "tool_calls",
    );
  } else {
    completion({ content: "Your order 4411 has shipped and should arrive within two days." }, "stop");
  }
}

/** The action's server: reflects the request's headers back, with 401 for order "fail" (as an API refusing a key may). */
function echoHeaders(request: IncomingMessage, _body: string, response: ServerResponse): void {
  const failed = request.url?.includes("/orders/fail");
  sendJson(response, failed ? 401 : 200, { order: "4411", status: "shipped", received: request.headers });
}

interface RunningApp {
  process: ChildProcess;
  url: string;
  logFile: string;
}

/** Runs a command to completion with its output appended to the log file. */
/** Rows of every table in the app's schemas, each row as Postgres prints it (every column, any type). */
async function everyRow(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<{ table: string; row: string }[]> {
  const tables = await query(
    "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2",
  );
  const rows: { table: string; row: string }[] = [];
  for (const { table_schema: schema, table_name: name } of tables as { table_schema: string; table_name: string }[]) {
    const table = `"${schema}"."${name}"`;
    for (const { row } of (await query(`select t::text as row from ${table} t`)) as { row: string }[])
      rows.push({ table, row });
  }
  return rows;
}

let app: RunningApp | undefined;
let sim: FrontSimulator | undefined;
const servers: Server[] = [];

test.afterAll(async () => {
  if (app && app.process.exitCode === null) app.process.kill("SIGTERM");
  await sim?.close();
  for (const server of servers) server.close();
});

test("no secret appears in any API answer, page, log line or plaintext database column after a full run", async ({}, testInfo) => {
  const project = testInfo.project.name;
  const dataDir = path.join(ROOT, ".data", `e2e-secrets-${project}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, "app.log");

  // The database: PGlite in the data directory, or a database of its own beside the Postgres project's.
  let databaseUrl: string | undefined;
  if (project === "postgres") {
    const server = new URL(process.env.E2E_DATABASE_URL!);
    const name = `${server.pathname.slice(1)}_secrets`;
    const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    server.pathname = `/${name}`;
    databaseUrl = server.toString();
  }

  const model = await startServer(fakeModel);
  const action = await startServer(echoHeaders);
  servers.push(model.server, action.server);
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  sim = await createFrontSimulator({
    apiToken: SECRETS.frontApiToken,
    appSecret: SECRETS.frontAppSecret,
    ruleSecret: SECRETS.frontRuleSecret,
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/front`,
    emitEventsForApiWrites: true,
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    APP_URL: appUrl,
    DATABASE_URL: databaseUrl ?? "",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: SECRETS.encryptionKey,
    BETTER_AUTH_SECRET: SECRETS.authSecret,
    ADMIN_EMAIL,
    ADMIN_PASSWORD: SECRETS.adminPassword,
    FRONT_API_BASE_URL: sim.url,
    // The rule secret from the environment; the token and app secret are saved in Settings → Front below.
    FRONT_RULE_WEBHOOK_SECRET: SECRETS.frontRuleSecret,
    FRONT_API_TOKEN: "",
    FRONT_APP_SECRET: "",
    FRONT_AI_TEAMMATE_ID: "",
    FRONT_HANDLE_UNASSIGNED: "",
    AI_MODEL: "",
    AI_BASE_URL: "",
    // The action's echo server is on loopback, which custom actions may reach only when allowed.
    ACTIONS_ALLOWED_HOSTS: "127.0.0.1",
    AI_API_KEY: "",
    SEED_SAMPLE_DATA: "true",
    SAMPLE_HISTORY_DAYS: "0",
  };

  const answers: { where: string; text: string }[] = [];
  /** Keeps every answer (status, headers and body) for the search at the end. */
  const record = async (where: string, response: APIResponse): Promise<APIResponse> => {
    const headers = response.headersArray().map(({ name, value }) => `${name}: ${value}`);
    answers.push({ where, text: `${response.status()}\n${headers.join("\n")}\n\n${await response.text()}` });
    return response;
  };

  await test.step("start the app with a viewer account", async () => {
    // PGlite has one owner at a time: the viewer is made before the app starts, as the demo does.
    const created = await runToLog(
      "npx",
      [
        "tsx",
        "scripts/create-user.ts",
        "--email",
        VIEWER_EMAIL,
        "--password",
        SECRETS.viewerPassword,
        "--role",
        "viewer",
      ],
      env,
      logFile,
    );
    expect(created, readFileSync(logFile, "utf8")).toBe(0);
    const log = openSync(logFile, "a");
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
      { cwd: ROOT, env, stdio: ["ignore", log, log] },
    );
    closeSync(log);
    app = { process: child, url: appUrl, logFile };
    await waitFor("the app's health check", async () => ((await fetch(`${appUrl}/api/health`)).ok ? true : undefined));
    // The first admin is made in the background after the server starts listening.
    await waitFor("the app's runtime", async () =>
      readFileSync(logFile, "utf8").includes("embedded worker started") ? true : undefined,
    );
  });

  const signIn = async (email: string, password: string): Promise<APIRequestContext> => {
    const context = await requestFactory.newContext({ baseURL: appUrl, extraHTTPHeaders: { origin: appUrl } });
    const signedIn = await record(
      `sign-in ${email}`,
      await context.post("/api/auth/sign-in/email", { data: { email, password } }),
    );
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    expect((await context.get("/api/sessions?limit=1")).status()).toBe(200);
    return context;
  };
  const admin = await signIn(ADMIN_EMAIL, SECRETS.adminPassword);
  const viewer = await signIn(VIEWER_EMAIL, SECRETS.viewerPassword);
  const ok = async (where: string, response: Promise<APIResponse>) => {
    const answer = await record(where, await response);
    expect(answer.ok(), `${where}: ${answer.status()} ${await answer.text()}`).toBeTruthy();
    return answer;
  };

  let actionId = "";
  await test.step("save the secrets through Settings, check the model and test the action", async () => {
    const refused = await record(
      "PUT /api/settings/front wrong token",
      await admin.put("/api/settings/front", { data: { apiToken: SECRETS.wrongFrontToken } }),
    );
    expect(refused.status()).toBe(422);
    await ok(
      "PUT /api/settings/front",
      admin.put("/api/settings/front", {
        data: {
          apiToken: SECRETS.frontApiToken,
          appSecret: SECRETS.frontAppSecret,
          aiTeammateId: AI_TEAMMATE_ID,
          handleUnassigned: true,
        },
      }),
    );
    await ok(
      "PUT /api/settings/ai",
      admin.put("/api/settings/ai", {
        data: { model: "openai-compatible:echo", baseUrl: `${model.url}/v1`, apiKey: SECRETS.aiApiKey },
      }),
    );
    const check = (await (await ok("POST /api/settings/ai/check", admin.post("/api/settings/ai/check"))).json()) as {
      ok: boolean;
      message?: string;
    };
    expect(check.ok).toBe(false);
    expect(check.message).toContain("Incorrect API key provided");

    const created = await ok(
      "POST /api/settings/actions",
      admin.post("/api/settings/actions", {
        data: {
          name: "order_status",
          description: "Looks up an order's delivery status by its number.",
          parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
          method: "GET",
          urlTemplate: `${action.url}/orders/{order_id}`,
          headers: [
            { name: "X-Api-Key", value: SECRETS.actionHeader, secret: true },
            { name: "X-Team", value: "support" },
          ],
        },
      }),
    );
    actionId = ((await created.json()) as { action: { id: string } }).action.id;
    for (const orderId of ["4411", "fail"]) {
      await ok(
        `POST test ${orderId}`,
        admin.post(`/api/settings/actions/${actionId}/test`, { data: { arguments: { order_id: orderId } } }),
      );
    }
    await ok(
      "PUT /api/settings/actions/[id]",
      admin.put(`/api/settings/actions/${actionId}`, {
        data: {
          headers: [
            { name: "X-Api-Key", secret: true },
            { name: "X-Team", value: "support" },
          ],
        },
      }),
    );
  });

  await test.step("conversations through the simulator: one with the hosted model and the action, then the samples on the offline model", async () => {
    const hosted = await sim!.sendMessage({
      channel: "sms",
      from: "+14155550142",
      text: "Hi, where is my order 4411? It has been a week.",
    });
    await waitFor("the hosted model's reply", async () =>
      (sim!.counts[hosted.conversationId]?.replies ?? 0) > 0 ? true : undefined,
    );
    await ok("PUT /api/settings/ai local", admin.put("/api/settings/ai", { data: { model: "local" } }));
    await placeSamples(sim!);
    // One through a rule webhook, signed with the environment's rule secret.
    sim!.configure({ webhookKind: "rule" });
    await sim!.placeCall({
      from: "+14155550166",
      text: "Voicemail transcript\nHow do I reset my password? The email never arrives.",
    });
    sim!.configure({ webhookKind: "application" });
    // Done when every delivery is processed and no new one came for a second.
    let last = -1;
    await waitFor("every delivery processed", async () => {
      const { deliveries } = (await (await admin.get("/api/troubleshooting/deliveries?limit=200")).json()) as {
        deliveries: { decision: string | null }[];
      };
      const settled = deliveries.length === last && deliveries.every((delivery) => delivery.decision !== "queued");
      last = deliveries.length;
      await new Promise((resolve) => setTimeout(resolve, 750));
      return settled ? true : undefined;
    });
    expect(sim!.deliveries.filter((delivery) => delivery.kind === "rule").length).toBeGreaterThan(0);
  });

  // Real ids from the run for every dynamic route.
  const sessions = (
    (await (await admin.get("/api/sessions?limit=100")).json()) as {
      sessions: { id: string; status: string; frontConversationId: string }[];
    }
  ).sessions;
  expect(sessions.map((session) => session.status)).toContain("handed_off");
  const session = sessions[0];
  const articleId = ((await (await admin.get("/api/knowledge")).json()) as { articles: { id: string }[] }).articles[0]
    .id;
  const { deliveries } = (await (await admin.get("/api/troubleshooting/deliveries?limit=1")).json()) as {
    deliveries: { id: number }[];
  };

  await test.step("the console's dry run and an event re-run", async () => {
    await ok(
      "POST dry-run transcript",
      admin.post("/api/agent/dry-run", {
        data: {
          source: { kind: "transcript", transcript: "Where is my order 4411?", channel: "sms" },
          overrides: { model: "openai-compatible:echo", baseUrl: `${model.url}/v1` },
        },
      }),
    );
    await ok(
      "POST dry-run session",
      admin.post("/api/agent/dry-run", { data: { source: { kind: "session", sessionId: session.id } } }),
    );
    await ok("POST rerun", admin.post(`/api/troubleshooting/events/${deliveries[0].id}/rerun`));
  });

  // A test set made from a session and run with the settings in force (the hosted model and its key).
  const evalSet = (
    (await (await admin.post("/api/evals", { data: { name: "Secrets probe" } })).json()) as { set: { id: string } }
  ).set;
  await ok(
    "POST eval cases from a session",
    admin.post(`/api/evals/${evalSet.id}/cases`, { data: { sessionIds: [session.id] } }),
  );
  const evalCaseKey = ((await (await admin.get(`/api/evals/${evalSet.id}`)).json()) as { cases: { key: string }[] })
    .cases[0].key;
  const evalRun = (
    (await (await admin.post("/api/evals/runs", { data: { setId: evalSet.id } })).json()) as { run: { id: string } }
  ).run;
  await waitFor("the test run to end", async () =>
    ((await (await admin.get(`/api/evals/runs/${evalRun.id}`)).json()) as { run: { status: string } }).run.status ===
    "running"
      ? undefined
      : true,
  );

  const adminId = (
    (await (await admin.get("/api/users")).json()) as { users: { id: string; role: string }[] }
  ).users.find((user) => user.role === "admin")!.id;

  await test.step("every GET route and page, as the admin and as the viewer", async () => {
    const ids: Record<string, string> = {
      "/api/users/[id]/sessions": `/api/users/${adminId}/sessions`,
      "/api/sessions/[id]": `/api/sessions/${session.id}`,
      "/api/knowledge/[id]": `/api/knowledge/${articleId}`,
      "/api/settings/actions/[id]": `/api/settings/actions/${actionId}`,
      "/api/settings/actions/[id]/test": `/api/settings/actions/${actionId}/test`,
      "/api/troubleshooting/events/[id]/rerun": `/api/troubleshooting/events/${deliveries[0].id}/rerun`,
      "/inbox/[id]": `/inbox/${session.id}`,
      "/settings/knowledge/[id]": `/settings/knowledge/${articleId}`,
      "/api/evals/[id]": `/api/evals/${evalSet.id}`,
      "/api/evals/[id]/cases/[key]": `/api/evals/${evalSet.id}/cases/${evalCaseKey}`,
      "/api/evals/runs/[id]": `/api/evals/runs/${evalRun.id}`,
      "/evals/[id]": `/evals/${evalSet.id}`,
      "/evals/runs/[id]": `/evals/runs/${evalRun.id}`,
    };
    const queries: Record<string, string> = {
      "/api/knowledge/search": "?q=password",
      "/api/troubleshooting/explain": `?conversation=${session.frontConversationId}`,
      "/api/sessions": "?limit=100",
      "/api/troubleshooting/deliveries": "?limit=200",
      "/api/audit": "?limit=200",
    };
    const gets = routesOnDisk().filter(
      (route) => route.methods.includes("GET") && !EXEMPT.some((pattern) => pattern.test(route.url)),
    );
    expect(gets.length).toBeGreaterThanOrEqual(15);
    for (const route of gets) {
      const url = realUrl(route, ids) + (queries[route.pattern] ?? "");
      for (const [who, context] of [
        ["admin", admin],
        ["viewer", viewer],
      ] as const) {
        const answer = await record(`GET ${url} as ${who}`, await context.get(url));
        expect(answer.status(), `GET ${url} as ${who}`).toBeLessThan(500);
      }
    }
    // Every session, not just the one above: the hosted model's run holds the action's answer.
    for (const { id } of sessions) {
      for (const url of [`/api/sessions/${id}`, `/inbox/${id}`])
        await record(`GET ${url} as viewer`, await viewer.get(url));
    }
    for (const url of ["/api/health", "/login", "/api/auth/get-session"])
      await record(`GET ${url}`, await admin.get(url));
  });

  await test.step("stop the app, then search the answers, the logs and the database", async () => {
    app!.process.kill("SIGTERM");
    await waitFor(
      "the app to exit",
      async () => (app!.process.exitCode !== null || app!.process.signalCode !== null ? true : undefined),
      20_000,
    );
    await admin.dispose();
    await viewer.dispose();

    const leaks = answers.flatMap(({ where, text }) => leaksIn(where, text));
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain("embedded worker started");
    leaks.push(...leaksIn("the app's stdout/stderr", log));

    const database = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : undefined;
    const pglite = databaseUrl ? undefined : new PGlite(path.join(dataDir, "pglite"));
    const query = async (sql: string) =>
      database ? [...(await database.unsafe(sql))] : (await pglite!.query<Record<string, unknown>>(sql)).rows;
    try {
      const rows = await everyRow(query);
      expect(rows.length).toBeGreaterThan(50);
      for (const { table, row } of rows) leaks.push(...leaksIn(`the table ${table}`, row));

      // The audit log is among the tables searched, and holds the changes that carried secrets: the keys only as markers.
      expect(rows.some(({ table }) => table === '"public"."audit_log"')).toBe(true);
      const audit = (await query("select action, after::text as after from audit_log order by id")) as {
        action: string;
        after: string | null;
      }[];
      expect(audit.map((row) => row.action)).toEqual(
        expect.arrayContaining([
          "users.create",
          "settings.front.update",
          "settings.ai.update",
          "actions.create",
          "troubleshooting.rerun",
        ]),
      );
      const after = (action: string) =>
        audit
          .filter((row) => row.action === action)
          .map((row) => JSON.parse(row.after ?? "null") as Record<string, unknown>);
      expect(after("settings.front.update")[0]).toMatchObject({ apiToken: "set", appSecret: "set" });
      expect(after("settings.ai.update")[0]).toMatchObject({ apiKey: "set" });
      expect(after("actions.create")[0]).toMatchObject({
        headers: [
          { name: "X-Api-Key", secret: true, value: "set" },
          { name: "X-Team", value: "support" },
        ],
      });
      for (const created of after("users.create"))
        expect(Object.keys(created).sort()).toEqual(["email", "id", "name", "role"]);

      // The saved secrets are there, sealed: they open with the encryption key.
      const key = parseEncryptionKey(SECRETS.encryptionKey);
      const documents = Object.fromEntries(
        ((await query("select key, value::text as value from app_settings")) as { key: string; value: string }[]).map(
          (row) => [row.key, JSON.parse(row.value)],
        ),
      );
      expect(decryptSecret(key, documents.front.apiToken)).toBe(SECRETS.frontApiToken);
      expect(decryptSecret(key, documents.front.appSecret)).toBe(SECRETS.frontAppSecret);
      expect(documents.front.ruleSecret).toBeUndefined();
      expect(decryptSecret(key, documents.ai.apiKey)).toBe(SECRETS.aiApiKey);
      expect(decryptSecret(key, documents.actions.actions[0].headers[0].value)).toBe(SECRETS.actionHeader);
    } finally {
      await database?.end();
      await pglite?.close();
    }
    expect(leaks).toEqual([]);
  });
});
