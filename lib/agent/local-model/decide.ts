import {
  composeAnswer,
  composeHandoffNotice,
  composeThanks,
  DEFAULT_FIT,
  expandQuery,
  type FitThresholds,
  type ReplyContext,
} from "./compose-answer";
import { judgeCoverage } from "./coverage";
import { callerName } from "../../text-analysis/customer-words";
import { detectHumanRequest, detectThreat, isThanksOnly } from "../../text-analysis/intent";
import { readTurn, type Reading } from "./reading";
import { detectFraud, detectLostAccess, detectorText, detectRefundRequest, reservedRules } from "./signals";
import type { Conversation } from "./prompt";
import { scoreSentiment, worseSentiment, type SentimentResult } from "../../text-analysis/sentiment";
import { summarize, type HandoffFacts } from "../../text-analysis/summary";
import { keywords, stem, truncate } from "../../text-analysis/text";
import { matchHandoffTopic, readHandoffTopics } from "./handoff-topics";
import { HANDOFF_TOOL, parseSearchResults, SEARCH_TOOL, type HandoffReason, type ToolCallPlan } from "./tools";

/** One model step: always some reasoning, then either a reply or one tool call. */
export type Decision = { reasoning: string; text: string } | { reasoning: string; call: ToolCallPlan };

const MAX_QUERY_WORDS = 8;

interface Turn {
  convo: Conversation;
  words: string;
  reading: Reading;
  /** The customer's words plus their English gloss, for the detectors. */
  detector: string;
  facts: HandoffFacts;
  sentiment: SentimentResult;
  ctx: ReplyContext;
  who: string;
  canSearch: boolean;
  canHandoff: boolean;
}

function mood(s: SentimentResult): string {
  return `${s.label} (sentiment ${s.score}${s.matched.length ? `: ${s.matched.join(", ")}` : ""})`;
}

/** The caller's handle as the prompt gives it ("Contact: +14155550123."). */
function contactOf(system: string): string | null {
  return system.match(/\bContact:\s*([^\s]+?)\.?(?:\s|$)/)?.[1] ?? null;
}

/** A handoff call, or a notice to the customer when the handoff tool is not offered. */
function handoff(
  turn: Turn,
  reasoning: string,
  reason: HandoffReason,
  sentiment = turn.sentiment.label,
  extra: Partial<HandoffFacts> = {},
): Decision {
  const summary = summarize(turn.convo.turn, {
    earlier: turn.convo.earlierTurns.join("\n"),
    contact: contactOf(turn.convo.system),
    facts: { reason, ...turn.facts, ...extra },
  });
  if (!turn.canHandoff) {
    return {
      reasoning: `${reasoning} The handoff tool is not available, so I tell the customer a teammate will follow up.`,
      text: composeHandoffNotice(turn.ctx),
    };
  }
  return { reasoning, call: { toolName: HANDOFF_TOOL, input: { reason, summary, sentiment } } };
}

/** Search words: the questions' topic words first, then the rest of the message, with help-desk synonyms. */
function searchQuery(turn: Turn): { base: string[]; expanded: string[] } {
  const { reading } = turn;
  const fromQuestions = reading.questions.flatMap((q) => keywords(q, MAX_QUERY_WORDS));
  const fromTopic = keywords(reading.english, 2 * MAX_QUERY_WORDS);
  const base: string[] = [];
  for (const w of [...(turn.facts.refund ? ["refund"] : []), ...fromQuestions, ...fromTopic]) {
    if (base.length < MAX_QUERY_WORDS && !base.some((b) => stem(b) === stem(w))) base.push(w);
  }
  if (base.length === 0 && turn.convo.earlierTurns.length)
    base.push(...keywords(readTurn(turn.convo.earlierTurns.join("\n")).english, MAX_QUERY_WORDS));
  return { base, expanded: expandQuery(base, 16) };
}

/** Step 1: read the customer's words and either hand off or search the knowledge base. */
function firstStep(turn: Turn): Decision {
  const { words, sentiment, who, reading } = turn;
  const request = detectHumanRequest(words);
  if (request.requested) {
    return handoff(
      turn,
      `The ${who} asks for a person ("${request.phrase}") and sounds ${mood(sentiment)}. Handing off to a teammate.`,
      "user_requested_human_assistance",
      sentiment.label,
      { request },
    );
  }
  const took = request.negatedPhrase
    ? ` They mention a person but say they don't need one ("${request.negatedPhrase}").`
    : "";

  // The team's handoff topics go to a person whatever the customer asks: checked before any search.
  const handoffTopic = matchHandoffTopic(
    readHandoffTopics(turn.convo.system),
    `${words}\n${reading.lang === "en" ? "" : reading.english}`,
  );
  if (handoffTopic) {
    const alternative = handoffTopic.matched === handoffTopic.topic ? "" : ` ("${handoffTopic.matched}")`;
    return handoff(
      turn,
      `The ${who}'s message is about "${handoffTopic.topic}"${alternative}, one of the team's handoff topics. Handing off (prohibited topic).${took}`,
      "prohibited_topic",
    );
  }

  // Fraud, an account in someone else's hands: a person secures it, whatever the articles say.
  if (turn.facts.fraud) {
    return handoff(
      turn,
      `The ${who} reports ${turn.facts.fraud}; a teammate must secure the account. Handing off (our instructions).${took}`,
      "based_on_instructions",
    );
  }

  // Upset customers go to a person even without asking: the reason is our instructions, not their request.
  const threat = detectThreat(turn.detector);
  const shouting = sentiment.score < 0 && (sentiment.matched.includes("ALL CAPS") || /!{3,}/.test(words));
  if (sentiment.label === "angry" || threat || shouting) {
    const signs = [threat ? `threatens ${threat.what} ("${threat.phrase}")` : "", shouting ? "is shouting" : ""]
      .filter(Boolean)
      .join(" and ");
    const label = threat || shouting ? worseSentiment(sentiment.label, "frustrated") : sentiment.label;
    return handoff(
      turn,
      `The ${who} sounds ${mood(sentiment)}${signs ? ` and ${signs}` : ""}. They did not ask for a person, but upset customers go to a teammate, so handing off.${took}`,
      "based_on_instructions",
      label,
      { threat },
    );
  }

  if (reading.injection && reading.questions.length === 0) {
    return handoff(
      turn,
      `The ${who} tries to give me instructions ("${reading.injection}") and asks nothing I can answer. I do not follow them; handing off (our instructions).`,
      "based_on_instructions",
    );
  }

  if (isThanksOnly(words)) {
    return {
      reasoning: `The ${who} is thanking us and has no new question. Replying briefly.`,
      text: composeThanks(turn.ctx),
    };
  }

  const earlierQuestions = turn.convo.earlierTurns.length ? readTurn(turn.convo.earlierTurns.join("\n")).questions : [];
  const question = reading.questions[0] ?? earlierQuestions[0];
  const { base, expanded } = searchQuery(turn);
  const query = expanded.join(" ");
  if (!question || !query) {
    const what =
      turn.convo.kind === "voicemail" ? "voicemail" : turn.convo.kind === "call_notes" ? "call note" : "message";
    const quote = words.trim() ? ` ("${truncate(words.replace(/\s+/g, " "), 120)}")` : "";
    // A complaint with nothing to answer still goes to a person, by our instructions; silence or noise is unclear.
    if (sentiment.score <= -2) {
      return handoff(
        turn,
        `This ${what} is a complaint with no question${quote}; the ${who} sounds ${mood(sentiment)}. Handing off (our instructions).${took}`,
        "based_on_instructions",
      );
    }
    return handoff(
      turn,
      `This ${what} has no question or request I can answer${quote}. Handing off so a teammate can follow up (instructions not clear).${took}`,
      "instructions_not_clear",
    );
  }
  if (!turn.canSearch) {
    return handoff(
      turn,
      `The ${who} asks "${question}", but I have no knowledge base tool to look it up. Handing off.`,
      "insufficient_tools",
    );
  }
  const synonyms = expanded.length > base.length ? ` (plus synonyms: ${expanded.slice(base.length).join(", ")})` : "";
  const injected = reading.injection ? ` They also try to instruct me ("${reading.injection}"), which I ignore.` : "";
  return {
    reasoning: `The ${who} asks "${truncate(question, 160)}" and sounds ${mood(sentiment)}.${took}${injected} Searching the knowledge base for "${base.join(" ")}"${synonyms}.`,
    call: { toolName: SEARCH_TOOL, input: { query } },
  };
}

/** Step 2: answer from the best article only if it covers every question and keeps nothing asked for a person. */
function afterSearch(turn: Turn, value: unknown, input: unknown): Decision {
  const sent = (input as { query?: unknown } | undefined)?.query;
  const query = typeof sent === "string" ? sent : turn.reading.english;
  const results = parseSearchResults(value);
  const { facts, reading } = turn;

  if (facts.refund) {
    const rule = results
      .flatMap((r) => reservedRules(r.content).map((x) => ({ ...x, title: r.title })))
      .find((x) => x.kind === "refund");
    const why = rule ? `'${rule.title}' says "${rule.sentence}"` : "I cannot issue or promise refunds";
    return handoff(
      turn,
      `The ${turn.who} asks for money back ("${truncate(facts.refund, 100)}"), and ${why}. Handing off (our instructions).`,
      "based_on_instructions",
    );
  }
  const unanswered = reading.injection ? "based_on_instructions" : "insufficient_knowledge";
  if (results.length === 0) {
    return handoff(
      turn,
      `The knowledge base has no article for "${query}". Handing off (${unanswered === "based_on_instructions" ? "our instructions: the message tries to instruct me" : "insufficient knowledge"}).`,
      unanswered,
    );
  }
  const earlier = turn.convo.earlierTurns.length ? readTurn(turn.convo.earlierTurns.join("\n")) : null;
  const questions = reading.questions.length ? reading.questions : (earlier?.questions ?? []);
  const coverage = judgeCoverage(results, {
    topic: reading.english,
    context: earlier?.english,
    questions,
    lenient: reading.lang !== "en",
  });
  if (!coverage) return handoff(turn, `No article fits "${query}". Handing off (insufficient knowledge).`, unanswered);
  const title = coverage.article.title;

  if (facts.lostAccess) {
    const rule = reservedRules(coverage.article.content).find((x) => x.kind === "access");
    if (rule)
      return handoff(
        turn,
        `The ${turn.who} cannot use what the steps need ("${facts.lostAccess}"), and '${title}' keeps that for a person: "${rule.sentence}" Handing off (our instructions).`,
        "based_on_instructions",
      );
    return handoff(
      turn,
      `The ${turn.who} cannot use what the steps need ("${facts.lostAccess}"), and '${title}' does not say what to do then. Handing off (insufficient knowledge).`,
      "insufficient_knowledge",
    );
  }
  if (!coverage.fits && coverage.asked === 0 && coverage.score < 2 && !reading.injection) {
    return handoff(
      turn,
      `The ${turn.who} asks nothing I can look up ("${truncate(questions.join(" "), 100)}"). Handing off so a teammate can follow up (instructions not clear).`,
      "instructions_not_clear",
    );
  }
  if (!coverage.fits) {
    const gap = coverage.gaps[0];
    const why = gap
      ? `no article covers ${gap.missing.join(", ")} in "${truncate(gap.question, 100)}"`
      : `the best article, '${title}', only matches ${coverage.matched.join(", ") || "nothing"}`;
    return handoff(
      turn,
      `The knowledge base does not answer this: ${why}. Handing off (${unanswered === "based_on_instructions" ? "our instructions: the message also tries to instruct me" : "insufficient knowledge"}).`,
      unanswered,
    );
  }
  if (turn.convo.earlierReplies.includes(`From our help article: ${title}`)) {
    return handoff(
      turn,
      `I already sent '${title}' earlier and the ${turn.who} is still asking, so the article does not solve it. Handing off.`,
      "insufficient_knowledge",
    );
  }
  const customerWords = keywords(`${questions.join(" ")} ${reading.english}`, 24);
  return {
    reasoning: `Article '${title}' (score ${coverage.article.score.toFixed(2)}) matches ${coverage.matched.join(", ")} and covers every question. Answering from it.`,
    text: composeAnswer(coverage.article, expandQuery(customerWords, 40), turn.ctx),
  };
}

/** The offline model's policy for one step, from the conversation so far and the tools on offer. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- kept for LocalModelOptions.fit callers; coverage decides the fit now
export function decide(convo: Conversation, tools: ReadonlySet<string>, _fit: FitThresholds = DEFAULT_FIT): Decision {
  const reading = readTurn(convo.turn);
  const words = reading.words;
  const detector = detectorText(words);
  const sentiment = scoreSentiment(words);
  const facts: HandoffFacts = {
    refund: detectRefundRequest(detector),
    lostAccess: detectLostAccess(detector),
    fraud: detectFraud(detector),
  };
  const turn: Turn = {
    convo,
    words,
    reading,
    detector,
    facts,
    sentiment,
    who: convo.channel === "voice" ? "caller" : "customer",
    canSearch: tools.has(SEARCH_TOOL),
    canHandoff: tools.has(HANDOFF_TOOL),
    ctx: {
      channel: convo.channel,
      kind: convo.kind,
      name: callerName(convo.turn),
      upset: sentiment.label === "frustrated" || sentiment.label === "angry",
    },
  };

  if (convo.calledTools.includes(HANDOFF_TOOL)) {
    return {
      reasoning: "The conversation was already handed to a teammate in this turn.",
      text: composeHandoffNotice(turn.ctx),
    };
  }
  const latest = convo.results[convo.results.length - 1];
  if (!latest) return firstStep(turn);
  if (!latest.ok) {
    return handoff(
      turn,
      `The ${latest.toolName} tool failed (${truncate(JSON.stringify(latest.value) ?? "no details", 120)}). Handing off.`,
      "error",
    );
  }
  if (latest.toolName === SEARCH_TOOL) return afterSearch(turn, latest.value, latest.input);
  return firstStep(turn);
}
