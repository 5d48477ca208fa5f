import { expect, test } from "./fixtures";
import { DUMMY_ID, EXEMPT, routesOnDisk } from "./routes";

// Every JSON API, signed in as the admin, given bad input: a 4xx with a readable message, never a 5xx or a stack
// trace. Bad input never gets far enough to change anything, so this is safe to run against the shared app.
const STACK_TRACE = /\bat [\w.<>]+ \(|\.(ts|js|mjs):\d+:\d+/;

const BAD_BODIES: { name: string; body: string; contentType: string }[] = [
  { name: "not JSON", body: "{not json", contentType: "application/json" },
  { name: "a JSON array", body: "[1,2,3]", contentType: "application/json" },
  {
    name: "unknown fields",
    body: JSON.stringify({ unexpected: { deeply: ["nested", null] }, limit: "many" }),
    contentType: "application/json",
  },
  {
    name: "wrong types",
    body: JSON.stringify({ id: 12, name: [], enabled: "yes", model: 42, instructions: { a: 1 } }),
    contentType: "application/json",
  },
];

const BAD_QUERIES = [
  "limit=abc&cursor=%%%",
  "from=not-a-date&to=2020-13-45",
  "channel=fax&status=maybe&sentiment=%00",
  `q=${"x".repeat(5000)}`,
];

test("every JSON API answers bad input with a 4xx and a message, never a 5xx or a stack trace", async ({ request }) => {
  const routes = routesOnDisk().filter(
    (route) => route.kind === "api" && !EXEMPT.some((pattern) => pattern.test(route.url)),
  );
  expect(routes.length).toBeGreaterThanOrEqual(8);
  const failures: string[] = [];
  const check = async (label: string, response: Awaited<ReturnType<typeof request.fetch>>, mustRefuse: boolean) => {
    const text = await response.text();
    if (response.status() >= 500) failures.push(`${label}: ${response.status()} ${text.slice(0, 160)}`);
    else if (mustRefuse && response.status() < 400) failures.push(`${label}: accepted with ${response.status()}`);
    if (STACK_TRACE.test(text)) failures.push(`${label}: stack trace in ${text.slice(0, 160)}`);
    if (response.status() >= 400) {
      const message = (JSON.parse(text || "null") as { error?: { message?: string } } | null)?.error?.message;
      if (!message) failures.push(`${label}: ${response.status()} without an error message: ${text.slice(0, 160)}`);
    }
  };

  for (const route of routes) {
    for (const method of route.methods) {
      if (method === "GET") {
        for (const query of BAD_QUERIES) {
          const url = `${route.url}?${query}`;
          await check(`GET ${url.slice(0, 80)} (${route.file})`, await request.get(url, { maxRedirects: 0 }), false);
        }
        continue;
      }
      // A route that takes no body (a check, a re-run of a dummy id) may still answer 2xx or 404 to these.
      const takesBody = !route.url.endsWith("/check") && !route.url.includes(DUMMY_ID) && method !== "DELETE";
      for (const bad of BAD_BODIES) {
        const response = await request.fetch(route.url, {
          method,
          headers: { "content-type": bad.contentType },
          data: bad.body,
          maxRedirects: 0,
        });
        await check(`${method} ${route.url} with ${bad.name} (${route.file})`, response, takesBody);
      }
    }
  }
  expect(failures).toEqual([]);
});
