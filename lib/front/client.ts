import { z } from "zod";
import { redactSecrets } from "../secrets/redact";
import { FrontApiError, isFrontApiError } from "./errors";
import {
  DEFAULT_BURST_PER_RESOURCE,
  DEFAULT_REQUESTS_PER_MINUTE,
  InProcessRateLimiter,
  isBurstLimit,
  RateLimitPausedError,
  rateLimitResource,
  type HeaderSource,
  type RateLimiter,
} from "./rate-limiter";
import {
  channelListSchema,
  commentPageSchema,
  commentSchema,
  frontConversationSchema,
  frontErrorBodySchema,
  frontEventSchema,
  frontMessageSchema,
  inboxListSchema,
  meSchema,
  messagePageSchema,
  replyAcceptedSchema,
  teammateListSchema,
  type FrontChannel,
  type FrontComment,
  type FrontConversation,
  type FrontEvent,
  type FrontMessage,
} from "./types";

export interface FrontClientOptions {
  baseUrl: string;
  /** The API token, or a function that reads it (settings saved in the app take effect without a restart). */
  token: string | (() => string | Promise<string>);
  /** Retries after the first try, for 429, 5xx and network failures. */
  maxRetries?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** First backoff delay; doubles on each retry. */
  backoffMs?: number;
  /** Longest `retry-after` honoured before giving up and letting the job retry later. */
  maxRetryAfterSeconds?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Paces every request (per-minute budget, per-resource burst, company-wide pause after a 429). Share one
   * between clients that use the same company token. Default: a new `InProcessRateLimiter` for this client.
   */
  rateLimiter?: RateLimiter;
  /** The default limiter's budget until Front's `x-ratelimit-limit` says otherwise. Default 50, the smallest plan. */
  requestsPerMinute?: number;
}

export interface ConversationLookup {
  conversation: FrontConversation;
  /** Set when Front answered 301: the conversation was merged into this one. */
  mergedFrom?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Front's Core API: the calls Frontline makes, with retry-after, backoff and typed errors. */
export class FrontClient {
  private readonly baseUrl: string;
  private readonly options: Required<
    Omit<FrontClientOptions, "fetch" | "sleep" | "baseUrl" | "token" | "rateLimiter" | "requestsPerMinute">
  >;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly rateLimiter: RateLimiter;

  constructor(private readonly init: FrontClientOptions) {
    this.baseUrl = init.baseUrl.replace(/\/+$/, "");
    this.options = {
      maxRetries: init.maxRetries ?? 3,
      timeoutMs: init.timeoutMs ?? 15_000,
      backoffMs: init.backoffMs ?? 300,
      maxRetryAfterSeconds: init.maxRetryAfterSeconds ?? 120,
    };
    this.fetchImpl = init.fetch ?? fetch;
    this.sleep = init.sleep ?? defaultSleep;
    this.rateLimiter =
      init.rateLimiter ??
      new InProcessRateLimiter({
        requestsPerMinute: init.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
        burstPerResource: DEFAULT_BURST_PER_RESOURCE,
      });
  }

  me() {
    return this.request("GET", "/me", meSchema);
  }

  async listTeammates() {
    return (await this.request("GET", "/teammates", teammateListSchema))._results;
  }

  /** Follows a merge (301) to the conversation that now holds the messages. */
  async getConversation(id: string): Promise<ConversationLookup> {
    const path = `/conversations/${encodeURIComponent(id)}`;
    const response = await this.send("GET", path, undefined, true);
    if (response.status === 301 || response.status === 302) {
      const location = response.headers.get("location") ?? "";
      const mergedInto = /\/conversations\/([^/?#]+)/.exec(location)?.[1];
      if (!mergedInto || mergedInto === id)
        throw new FrontApiError(`conversation ${id} moved without a usable Location`, response.status, "GET", path);
      const target = await this.getConversation(decodeURIComponent(mergedInto));
      return { conversation: target.conversation, mergedFrom: id };
    }
    return { conversation: await this.parse(response, "GET", path, frontConversationSchema) };
  }

  getEvent(id: string): Promise<FrontEvent> {
    return this.request("GET", `/events/${encodeURIComponent(id)}`, frontEventSchema);
  }

  getMessage(id: string): Promise<FrontMessage> {
    return this.request("GET", `/messages/${encodeURIComponent(id)}`, frontMessageSchema);
  }

  /** The newest messages of a conversation (one page, newest first). */
  async listRecentMessages(conversationId: string, limit = 10): Promise<FrontMessage[]> {
    const path = `/conversations/${encodeURIComponent(conversationId)}/messages?limit=${limit}`;
    return (await this.request("GET", path, messagePageSchema))._results;
  }

  /** Every message of a conversation, newest first, following `_pagination.next`. */
  listMessages(conversationId: string, limit = 100): Promise<FrontMessage[]> {
    return this.listAll(
      `/conversations/${encodeURIComponent(conversationId)}/messages?limit=${limit}`,
      messagePageSchema,
    );
  }

  /** Every internal comment on a conversation. */
  listComments(conversationId: string): Promise<FrontComment[]> {
    return this.listAll(`/conversations/${encodeURIComponent(conversationId)}/comments`, commentPageSchema);
  }

  /** The conversation's drafts (messages with a `draft_mode`). */
  listDrafts(conversationId: string): Promise<FrontMessage[]> {
    return this.listAll(`/conversations/${encodeURIComponent(conversationId)}/drafts`, messagePageSchema);
  }

  /** Every result of a list, following `_pagination.next`. */
  private async listAll<T>(
    firstPath: string,
    schema: z.ZodType<{ _results: T[]; _pagination?: { next?: string | null } | null }>,
  ): Promise<T[]> {
    const results: T[] = [];
    let path: string | null = firstPath;
    while (path) {
      const page: { _results: T[]; _pagination?: { next?: string | null } | null } = await this.request(
        "GET",
        path,
        schema,
      );
      results.push(...page._results);
      path = page._pagination?.next ? this.relative(page._pagination.next) : null;
    }
    return results;
  }

  /** An internal comment, never seen by the customer. */
  postComment(conversationId: string, body: string, authorId?: string) {
    return this.request("POST", `/conversations/${encodeURIComponent(conversationId)}/comments`, commentSchema, {
      body,
      ...(authorId ? { author_id: authorId } : {}),
    });
  }

  /** `null` unassigns: the conversation lands in the team's unassigned queue. */
  async setAssignee(conversationId: string, assigneeId: string | null): Promise<void> {
    await this.request("PUT", `/conversations/${encodeURIComponent(conversationId)}/assignee`, null, {
      assignee_id: assigneeId,
    });
  }

  /**
   * A reply on the conversation. Front archives on reply unless told not to, so `archive` is explicit. With
   * `channelId` and `to` the reply goes out on that channel to those handles: how a caller is texted back.
   * Front accepts it (202) before sending: a failure arrives later as a `sending_error` event.
   */
  sendReply(
    conversationId: string,
    reply: { body: string; authorId?: string; archive?: boolean; channelId?: string; to?: string[] },
  ) {
    return this.request("POST", `/conversations/${encodeURIComponent(conversationId)}/messages`, replyAcceptedSchema, {
      body: reply.body,
      ...(reply.authorId ? { author_id: reply.authorId } : {}),
      ...(reply.channelId ? { channel_id: reply.channelId } : {}),
      ...(reply.to?.length ? { to: reply.to } : {}),
      options: { archive: reply.archive ?? false },
    });
  }

  /**
   * A draft reply on the conversation, left for a teammate to review and send. Front requires the channel it will
   * be sent from (a `cha_` id, or `alt:address:<channel address>`). `shared` makes it visible to every teammate
   * with access to the conversation (Front's default, `private`, shows it to its author only).
   */
  createDraft(
    conversationId: string,
    draft: { body: string; channelId: string; authorId?: string; mode?: "private" | "shared"; to?: string[] },
  ): Promise<FrontMessage> {
    return this.request("POST", `/conversations/${encodeURIComponent(conversationId)}/drafts`, frontMessageSchema, {
      body: draft.body,
      channel_id: draft.channelId,
      ...(draft.authorId ? { author_id: draft.authorId } : {}),
      ...(draft.to?.length ? { to: draft.to } : {}),
      mode: draft.mode ?? "shared",
    });
  }

  /** Every channel of the company (needs the `channels:read` scope). */
  listChannels(): Promise<FrontChannel[]> {
    return this.listAll("/channels", channelListSchema);
  }

  /** The inboxes a conversation is in. */
  listConversationInboxes(conversationId: string): Promise<Array<{ id: string }>> {
    return this.listAll(`/conversations/${encodeURIComponent(conversationId)}/inboxes`, inboxListSchema);
  }

  /** The channels of one inbox. */
  listInboxChannels(inboxId: string): Promise<FrontChannel[]> {
    return this.listAll(`/inboxes/${encodeURIComponent(inboxId)}/channels`, channelListSchema);
  }

  async updateConversation(
    conversationId: string,
    patch: { status?: string; assignee_id?: string | null },
  ): Promise<void> {
    await this.request("PATCH", `/conversations/${encodeURIComponent(conversationId)}`, null, patch);
  }

  /**
   * The status Front answers a request with, without retrying it or reading its body: for checking what the token
   * may do. 0 when Front could not be reached.
   */
  async answerStatus(method: string, path: string, body?: unknown): Promise<number> {
    try {
      const response = await this.send(method, path, body);
      await response.body?.cancel();
      return response.status;
    } catch (error) {
      if (isFrontApiError(error)) return error.status;
      throw error;
    }
  }

  /** Turns a full URL from `_pagination.next` into a path on our base URL (company hosts work the same). */
  private relative(url: string): string {
    const parsed = new URL(url, this.baseUrl);
    return `${parsed.pathname}${parsed.search}`;
  }

  private async request<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (!schema) {
      await response.body?.cancel();
      return undefined as T;
    }
    return this.parse(response, method, path, schema);
  }

  private async parse<T>(response: Response, method: string, path: string, schema: z.ZodType<T>): Promise<T> {
    const json: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new FrontApiError(
        `Front answered ${method} ${path} with an unexpected body`,
        response.status,
        method,
        path,
      );
    return parsed.data;
  }

  /**
   * Sends with retries. Every try first takes a slot from the rate limiter, keyed by the resource it touches.
   * 429: pauses every caller for `retry-after`, and waits it. 5xx and network failures: exponential backoff.
   * A POST that timed out or answered 5xx is not retried here: Front may have acted on it, and posting twice is
   * worse than a later retry that first checks what was already done (the delivery's saved intent).
   */
  private async send(method: string, path: string, body?: unknown, acceptRedirect = false): Promise<Response> {
    const { maxRetries, backoffMs, timeoutMs, maxRetryAfterSeconds } = this.options;
    const resource = rateLimitResource(path);
    for (let attempt = 0; ; attempt++) {
      await this.acquire(resource, method, path);
      const token = typeof this.init.token === "function" ? await this.init.token() : this.init.token;
      let failure: FrontApiError;
      try {
        const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
          method,
          // Never follow: fetch would turn a redirected POST into a GET. A merge (301) is handled by getConversation.
          redirect: "manual",
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        this.rateLimiter.observe(response.headers);
        // At once, before reading the body: the plan's limit is the company's, so nobody else may send meanwhile;
        // a burst limit holds back only the resource it was hit on.
        if (response.status === 429) {
          const until = Date.now() + retryAfterMs(response.headers);
          if (isBurstLimit(response.headers) && this.rateLimiter.pauseResource)
            this.rateLimiter.pauseResource(resource, until);
          else this.rateLimiter.pauseUntil(until);
        }
        if (response.ok || (acceptRedirect && (response.status === 301 || response.status === 302))) return response;
        failure = await this.errorFrom(response, method, path, token);
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        failure = new FrontApiError(
          timedOut
            ? `Front did not answer ${method} ${path} within ${timeoutMs}ms`
            : `Could not reach Front for ${method} ${path}: ${describe(error)}`,
          0,
          method,
          path,
        );
        if (timedOut && method === "POST") throw failure;
      }
      if (!failure.retryable || attempt >= maxRetries) throw failure;
      // Front may have applied a POST it answered with a 5xx: the caller's retry looks in Front before writing again.
      if (method === "POST" && failure.status >= 500) throw failure;
      if (failure.status === 429) {
        const waitSeconds = failure.retryAfterSeconds ?? 1;
        if (waitSeconds > maxRetryAfterSeconds) throw failure;
        await this.sleep(waitSeconds * 1000);
      } else {
        await this.sleep(backoffMs * 2 ** attempt * (0.75 + Math.random() * 0.5));
      }
    }
  }

  /** A slot from the limiter; a company-wide pause longer than `maxRetryAfterSeconds` fails like a 429 would. */
  private async acquire(resource: string, method: string, path: string): Promise<void> {
    try {
      await this.rateLimiter.acquire(resource, { maxPauseMs: this.options.maxRetryAfterSeconds * 1000 });
    } catch (error) {
      if (!(error instanceof RateLimitPausedError)) throw error;
      const seconds = Math.ceil((error.untilMs - Date.now()) / 1000);
      throw new FrontApiError(
        `Front is rate limiting the company for ${seconds}s more; not sending ${method} ${path}`,
        429,
        method,
        path,
        undefined,
        seconds,
      );
    }
  }

  private async errorFrom(response: Response, method: string, path: string, token: string): Promise<FrontApiError> {
    // Front's error text is shown in Settings and stored on runs and events: never with the token in it.
    const text = redactSecrets(await response.text().catch(() => ""), [token]);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const frontError = frontErrorBodySchema.safeParse(json).data?._error;
    const retryAfterHeader = response.headers.get("retry-after");
    const retryAfter = retryAfterHeader === null ? Number.NaN : Number(retryAfterHeader);
    const detail = frontError?.message ?? frontError?.title ?? response.statusText;
    return new FrontApiError(
      `Front answered ${response.status} to ${method} ${path}${detail ? `: ${detail}` : ""}`,
      response.status,
      method,
      path,
      frontError,
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    );
  }
}

/** `retry-after` as seconds or an HTTP date; 1 s when absent or unreadable. */
function retryAfterMs(headers: HeaderSource): number {
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return 1000;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 1000;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
