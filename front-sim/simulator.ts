import { FrontActions } from "./actions";
import type { ApiWrite } from "./core-api";
import { DEFAULT_COMPANY_ID, DEFAULT_COMPANY_NAME, defaultTeammates } from "./directory";
import { EventDispatcher } from "./dispatch";
import { EventFactory } from "./events";
import { FaultController, RateLimitWindow, type RequestLogEntry } from "./faults";
import { FrontShapes, type ConversationCounts } from "./serialize";
import { attachHandlers, listen } from "./server";
import { failNextReplySchema } from "./inputs";
import { handleSimApi } from "./sim-api";
import { SimState } from "./state";
import type { FrontEvent, FrontSimulator, FrontSimulatorOptions, SimSnapshot } from "./types";
import { WebhookSender } from "./webhooks";

export async function createFrontSimulator(options: FrontSimulatorOptions): Promise<FrontSimulator> {
  const { server, url } = await listen(options.host ?? "127.0.0.1", options.port ?? 0);
  const companyId = options.companyId ?? DEFAULT_COMPANY_ID;
  const teammates = options.teammates ?? defaultTeammates();
  let webhookUrl = options.webhookUrl;
  let tokenScopes: string[] | null = options.tokenScopes ? [...options.tokenScopes] : null;

  const state = new SimState(teammates);
  const shapes = new FrontShapes(state, url);
  const events = new EventFactory(state, shapes);
  const faults = new FaultController();
  const rateLimitWindow = new RateLimitWindow(options.rateLimitPerMinute ?? 100);
  const requestLog: RequestLogEntry[] = [];
  const sender = new WebhookSender({
    webhookUrl: () => webhookUrl,
    appSecret: options.appSecret,
    ruleSecret: options.ruleSecret,
    timeoutMs: options.deliveryTimeoutMs ?? 5000,
  });
  const dispatcher = new EventDispatcher(sender, {
    companyId,
    baseUrl: url,
    webhookKind: options.webhookKind ?? "application",
    rulePreview: options.rulePreview ?? false,
  });
  const actions = new FrontActions(state, events, dispatcher);
  const pending = new Set<Promise<unknown>>();

  /** Front's events for the app's own write, in order. */
  const eventsForWrite = (write: ApiWrite): FrontEvent[] => {
    if (write.kind === "reply") {
      // A reply that cannot go out is reported whether or not writes are echoed: the app has to hear of it.
      if (write.failure) return [events.sendingFailure(write.conversation, write.message, write.failure)];
      if (!options.emitEventsForApiWrites) return [];
      return [
        events.outReply(write.conversation, write.message),
        ...(write.archived ? [events.archive(write.conversation, "api")] : []),
      ];
    }
    // Front emits events for the app's own writes too; off by default so tests see only what they trigger.
    if (!options.emitEventsForApiWrites) return [];
    if (write.kind === "assignee") return [events.assignment(write.conversation, "api")];
    if (write.lifecycle === "archived") return [events.archive(write.conversation, "api")];
    if (write.lifecycle === "open") return [events.reopen(write.conversation, "api")];
    return [];
  };

  /** After the answer is written, as at Front: the 202 comes first, the events after. */
  const echoApiWrite = (write: ApiWrite, answered: Promise<void> = Promise.resolve()) => {
    const emitted = eventsForWrite(write);
    if (emitted.length === 0) return;
    const delivery = (async () => {
      await answered;
      for (const event of emitted) await dispatcher.emit(event);
    })();
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
  };

  const snapshot = (): SimSnapshot => {
    const conversations = state.liveConversations();
    const counts = Object.fromEntries(
      conversations.map((conversation) => [conversation.id, shapes.counts(conversation)]),
    );
    const sum = (key: keyof ConversationCounts) =>
      Object.values(counts).reduce((total, count) => total + count[key], 0);
    return {
      url,
      companyId,
      ...sim.settings(),
      conversations: conversations.map((conversation) => shapes.view(conversation)),
      counts,
      totals: {
        conversations: conversations.length,
        messages: sum("messages"),
        comments: sum("comments"),
        replies: sum("replies"),
        drafts: sum("drafts"),
        assigneeChanges: sum("assigneeChanges"),
        requests: requestLog.length,
        deliveries: sender.records.length,
      },
      faults: faults.active(),
      deliveries: sender.records.map((record) => ({
        eventId: record.eventId,
        kind: record.kind,
        status: record.result.status,
        error: record.result.error,
        redelivery: record.redelivery,
        atMs: record.atMs,
      })),
    };
  };

  const sim: FrontSimulator = {
    url,
    port: Number(new URL(url).port),
    companyId,
    teammates: structuredClone(teammates),
    get webhookUrl() {
      return webhookUrl;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests and keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
      });
    },
    reset() {
      state.reset();
      faults.clear();
      rateLimitWindow.reset();
      requestLog.length = 0;
      sender.records.length = 0;
    },
    configure(settings) {
      if (settings.webhookUrl !== undefined) webhookUrl = settings.webhookUrl ?? undefined;
      if (settings.tokenScopes !== undefined) tokenScopes = settings.tokenScopes ? [...settings.tokenScopes] : null;
      if (settings.webhookKind) dispatcher.settings.webhookKind = settings.webhookKind;
      if (settings.rulePreview !== undefined) dispatcher.settings.rulePreview = settings.rulePreview;
    },
    settings: () => ({
      webhookUrl: webhookUrl ?? null,
      webhookKind: dispatcher.settings.webhookKind,
      rulePreview: dispatcher.settings.rulePreview,
      tokenScopes: tokenScopes ? [...tokenScopes] : null,
    }),

    getConversation(id) {
      const found = state.lookup(id);
      if (found.kind === "missing") return undefined;
      return shapes.view(state.require(id));
    },
    listConversations: () => state.liveConversations().map((conversation) => shapes.view(conversation)),
    getEvent: (id) => structuredClone(state.events.get(id)),
    get requests() {
      return requestLog.map((entry) => ({ ...entry }));
    },
    clearRequests() {
      requestLog.length = 0;
    },
    get counts() {
      return snapshot().counts;
    },
    get deliveries() {
      return [...sender.records];
    },
    snapshot,

    addFault: (spec) => faults.add(spec),
    rateLimit: (spec = {}) => faults.add({ ...spec, kind: "rate-limit" }),
    fail: (spec = {}) => faults.add({ ...spec, kind: "fail" }),
    hang: (spec = {}) => faults.add({ ...spec, kind: "hang" }),
    clearFaults: () => faults.clear(),
    get faults() {
      return faults.active();
    },

    placeCall: (input) => actions.placeCall(input),
    sendMessage: (input) => actions.sendMessage(input),
    addCallTranscript: (messageId, text, transcriptOptions) =>
      actions.addCallTranscript(messageId, text, transcriptOptions),
    teammateReply: (input) => actions.teammateReply(input),
    archive: (conversationId, archiveOptions) => actions.archive(conversationId, archiveOptions),
    reopen: (conversationId, reopenOptions) => actions.reopen(conversationId, reopenOptions),
    assign: (conversationId, teammateId, assignOptions) => actions.assign(conversationId, teammateId, assignOptions),
    merge: (sourceId, targetId, mergeOptions) => actions.merge(sourceId, targetId, mergeOptions),
    failNextReply(failOptions = {}) {
      const input = failNextReplySchema.parse(failOptions);
      state.planReplyFailure({ conversationId: input.conversationId ?? null, kind: input.kind ?? "sending_error" });
    },
    emitSendingError: (messageId, errorOptions) => actions.reportSendingFailure(messageId, errorOptions),
    deleteConversation: (conversationId, deleteOptions) => actions.deleteConversation(conversationId, deleteOptions),
    deliverEvent: (event, deliverOptions) => dispatcher.deliver(event, deliverOptions),
    redeliver: (eventId) => dispatcher.redeliver(eventId),
    sync: () => dispatcher.sync(),
    async whenIdle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };

  attachHandlers(server, url, {
    apiToken: options.apiToken,
    tokenScopes: () => tokenScopes,
    core: { state, shapes, companyId, companyName: options.companyName ?? DEFAULT_COMPANY_NAME, onWrite: echoApiWrite },
    faults,
    rateLimit: rateLimitWindow,
    requestLog,
    sim: (method, requestUrl, body) => handleSimApi(sim, method, requestUrl, body),
  });
  return sim;
}
