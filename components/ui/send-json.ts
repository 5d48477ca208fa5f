import { ApiRequestError } from "@/components/ui/fetch-json";

/** Sends JSON to one of the app's API routes (PUT, POST…); throws ApiRequestError with the route's message on an error status. */
export async function sendJson<T>(
  url: string,
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  body?: unknown,
): Promise<T> {
  const response = await fetch(url, {
    method,
    cache: "no-store",
    headers:
      body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiRequestError(
      response.status,
      error?.error?.code ?? "http_error",
      error?.error?.message ?? `Request failed (${response.status})`,
    );
  }
  return (await response.json()) as T;
}
