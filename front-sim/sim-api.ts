import { faultSpecSchema } from "./faults";
import { frontError, json, noContent, type HttpAnswer } from "./http-util";
import {
  archiveSchema,
  assignSchema,
  callTranscriptSchema,
  configSchema,
  deleteConversationSchema,
  deliverEventSchema,
  failNextReplySchema,
  mergeSchema,
  redeliverSchema,
  sendingErrorSchema,
} from "./inputs";
import { placeSamples } from "./samples";
import type { FrontSimulator } from "./types";
import type { PlaceCallInput, SendMessageInput, TeammateReplyInput } from "./types";

// /_sim/...: the simulator's own controls over HTTP, for the demo and browser tests. No auth.

type SimRoute = (sim: FrontSimulator, body: unknown, match: RegExpExecArray) => Promise<HttpAnswer> | HttpAnswer;

const ROUTES: Array<[string, RegExp, SimRoute]> = [
  [
    "GET",
    /^\/_sim\/?$/,
    (sim) => json(200, { ok: true, url: sim.url, companyId: sim.companyId, webhookUrl: sim.webhookUrl ?? null }),
  ],
  ["GET", /^\/_sim\/state$/, (sim) => json(200, sim.snapshot())],
  ["GET", /^\/_sim\/requests$/, (sim) => json(200, { requests: sim.requests })],
  ["DELETE", /^\/_sim\/requests$/, (sim) => (sim.clearRequests(), noContent())],
  ["GET", /^\/_sim\/deliveries$/, (sim) => json(200, { deliveries: sim.deliveries })],
  [
    "GET",
    /^\/_sim\/conversations\/([^/]+)$/,
    (sim, _body, match) => {
      const conversation = sim.getConversation(decodeURIComponent(match[1]));
      return conversation ? json(200, conversation) : frontError(404, `Unknown conversation ${match[1]}`);
    },
  ],
  ["POST", /^\/_sim\/calls$/, async (sim, body) => json(200, await sim.placeCall(body as PlaceCallInput))],
  ["POST", /^\/_sim\/messages$/, async (sim, body) => json(200, await sim.sendMessage(body as SendMessageInput))],
  [
    "POST",
    /^\/_sim\/transcripts$/,
    async (sim, body) => {
      const input = callTranscriptSchema.parse(body);
      return json(
        200,
        await sim.addCallTranscript(input.messageId, input.text, { voicemail: input.voicemail, lines: input.lines }),
      );
    },
  ],
  [
    "POST",
    /^\/_sim\/teammate-replies$/,
    async (sim, body) => json(200, await sim.teammateReply(body as TeammateReplyInput)),
  ],
  [
    "POST",
    /^\/_sim\/archive$/,
    async (sim, body) => {
      const input = archiveSchema.parse(body);
      return json(200, await sim.archive(input.conversationId, { teammateId: input.teammateId }));
    },
  ],
  [
    "POST",
    /^\/_sim\/reopen$/,
    async (sim, body) => {
      const input = archiveSchema.parse(body);
      return json(200, await sim.reopen(input.conversationId, { teammateId: input.teammateId }));
    },
  ],
  [
    "POST",
    /^\/_sim\/assign$/,
    async (sim, body) => {
      const input = assignSchema.parse(body);
      return json(200, await sim.assign(input.conversationId, input.teammateId, { by: input.by }));
    },
  ],
  [
    "POST",
    /^\/_sim\/merge$/,
    async (sim, body) => {
      const input = mergeSchema.parse(body);
      const result = await sim.merge(input.sourceId, input.targetId, { by: input.by });
      return json(200, { ...result, conversation: sim.getConversation(input.targetId) });
    },
  ],
  [
    "POST",
    /^\/_sim\/reply-failures$/,
    (sim, body) => {
      const input = failNextReplySchema.parse(body ?? {});
      sim.failNextReply(input);
      return json(200, {
        planned: { conversationId: input.conversationId ?? null, kind: input.kind ?? "sending_error" },
      });
    },
  ],
  [
    "POST",
    /^\/_sim\/sending-errors$/,
    async (sim, body) => {
      const input = sendingErrorSchema.parse(body);
      return json(200, await sim.emitSendingError(input.messageId, { kind: input.kind }));
    },
  ],
  [
    "POST",
    /^\/_sim\/delete$/,
    async (sim, body) => {
      const input = deleteConversationSchema.parse(body);
      return json(200, await sim.deleteConversation(input.conversationId, { trash: input.trash, by: input.by }));
    },
  ],
  ["GET", /^\/_sim\/faults$/, (sim) => json(200, { faults: sim.faults })],
  [
    "POST",
    /^\/_sim\/faults$/,
    (sim, body) => json(200, { fault: sim.addFault(faultSpecSchema.parse(body)), faults: sim.faults }),
  ],
  ["DELETE", /^\/_sim\/faults$/, (sim) => (sim.clearFaults(), json(200, { faults: [] }))],
  [
    "POST",
    /^\/_sim\/events$/,
    async (sim, body) => {
      const { event, ...options } = deliverEventSchema.parse(body);
      return json(200, await sim.deliverEvent(event, options));
    },
  ],
  [
    "POST",
    /^\/_sim\/redeliver$/,
    async (sim, body) => json(200, await sim.redeliver(redeliverSchema.parse(body).eventId)),
  ],
  ["POST", /^\/_sim\/sync$/, async (sim) => json(200, await sim.sync())],
  ["POST", /^\/_sim\/reset$/, (sim) => (sim.reset(), json(200, { ok: true }))],
  ["POST", /^\/_sim\/samples$/, async (sim) => json(200, { results: await placeSamples(sim) })],
  [
    "POST",
    /^\/_sim\/config$/,
    (sim, body) => {
      sim.configure(configSchema.parse(body ?? {}));
      return json(200, sim.settings());
    },
  ],
];

export async function handleSimApi(sim: FrontSimulator, method: string, url: URL, body: unknown): Promise<HttpAnswer> {
  for (const [routeMethod, pattern, route] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (match && routeMethod === method) return route(sim, body, match);
  }
  return frontError(404, `Unknown simulator route ${method} ${url.pathname}`);
}
