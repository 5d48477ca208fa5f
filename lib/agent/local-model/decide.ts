import { composeAnswer, composeHandoffNotice, composeThanks, DEFAULT_FIT, expandQuery, judgeArticles, type FitThresholds, type ReplyContext } from "./compose-answer";
import { callerName, extractCustomerWords } from "./customer-words";
import { detectHumanRequest, detectThreat, findQuestion, isThanksOnly } from "./intent";
import type { Conversation } from "./prompt";
import { scoreSentiment, worseSentiment, type SentimentResult } from "./sentiment";
import { summarize } from "./summary";
import { keywords, truncate } from "./text";
import { matchHandoffTopic, readHandoffTopics } from "./handoff-topics";
import { HANDOFF_TOOL, parseSearchResults, SEARCH_TOOL, type HandoffReason, type ToolCallPlan } from "./tools";

/** One model step: always some reasoning, then either a reply or one tool call. */
export type Decision = { reasoning: string; text: string } | { reasoning: string; call: ToolCallPlan };

const MAX_QUERY_WORDS = 8;

interface Turn {
  convo: Conversation;
  words: string;
  sentiment: SentimentResult;
  ctx: ReplyContext;
  who: string;
  canSearch: boolean;
  canHandoff: boolean;
}

function mood(s: SentimentResult): string {
  return `${s.label} (sentiment ${s.score}${s.matched.length ? `: ${s.matched.join(", ")}` : ""})`;
}

/** A handoff call, or a notice to the customer when the handoff tool is not offered. */
function handoff(turn: Turn, reasoning: string, reason: HandoffReason, sentiment = turn.sentiment.label): Decision {
  const summary = summarize(turn.convo.turn, { earlier: turn.convo.earlierTurns.join("\n") });
  if (!turn.canHandoff) {
    return { reasoning: `${reasoning} The handoff tool is not available, so I tell the customer a teammate will follow up.`, text: composeHandoffNotice(turn.ctx) };
  }
  return { reasoning, call: { toolName: HANDOFF_TOOL, input: { reason, summary, sentiment } } };
}

/** Step 1: read the customer's words and either hand off or search the knowledge base. */
function firstStep(turn: Turn): Decision {
  const { words, sentiment, who } = turn;
  const request = detectHumanRequest(words);
  if (request.requested) {
    return handoff(turn, `The ${who} asks for a person ("${request.phrase}") and sounds ${mood(sentiment)}. Handing off to a teammate.`, "user_requested_human_assistance");
  }
  const took = request.negatedPhrase ? ` They mention a person but say they don't need one ("${request.negatedPhrase}").` : "";

  // The team's handoff topics go to a person whatever the customer asks: checked before any search.
  const handoffTopic = matchHandoffTopic(readHandoffTopics(turn.convo.system), words);
  if (handoffTopic) {
    const alternative = handoffTopic.matched === handoffTopic.topic ? "" : ` ("${handoffTopic.matched}")`;
    return handoff(turn, `The ${who}'s message is about "${handoffTopic.topic}"${alternative}, one of the team's handoff topics. Handing off (prohibited topic).${took}`, "prohibited_topic");
  }

  // Upset customers go to a person even without asking: the reason is our instructions, not their request.
  const threat = detectThreat(words);
  const shouting = sentiment.score < 0 && (sentiment.matched.includes("ALL CAPS") || /!{3,}/.test(words));
  if (sentiment.label === "angry" || threat || shouting) {
    const signs = [threat ? `threatens ${threat.what} ("${threat.phrase}")` : "", shouting ? "is shouting" : ""].filter(Boolean).join(" and ");
    const label = threat || shouting ? worseSentiment(sentiment.label, "frustrated") : sentiment.label;
    return handoff(
      turn,
      `The ${who} sounds ${mood(sentiment)}${signs ? ` and ${signs}` : ""}. They did not ask for a person, but upset customers go to a teammate, so handing off.${took}`,
      "based_on_instructions",
      label,
    );
  }

  if (isThanksOnly(words)) {
    return { reasoning: `The ${who} is thanking us and has no new question. Replying briefly.`, text: composeThanks(turn.ctx) };
  }

  const question = findQuestion(words) ?? (turn.convo.earlierTurns.length ? findQuestion(turn.convo.earlierTurns.join("\n")) : null);
  const topic = question ? keywords(question.text, MAX_QUERY_WORDS) : [];
  const base = topic.length ? topic : keywords(words, MAX_QUERY_WORDS);
  const expanded = expandQuery(base);
  const query = expanded.join(" ");
  if (!question || !query) {
    const what = turn.convo.kind === "voicemail" ? "voicemail" : turn.convo.kind === "call_notes" ? "call note" : "message";
    const quote = words.trim() ? ` ("${truncate(words.replace(/\s+/g, " "), 120)}")` : "";
    const reasoning = `This ${what} has no question or request I can answer${quote}. Handing off so a teammate can follow up (instructions not clear).${took}`;
    return handoff(turn, reasoning, "instructions_not_clear");
  }
  if (!turn.canSearch) {
    return handoff(turn, `The ${who} asks "${question.text}", but I have no knowledge base tool to look it up. Handing off.`, "insufficient_tools");
  }
  const asks = {
    reported: `The notes say the customer asked about "${question.text}"`,
    problem: `The ${who} reports a problem: "${question.text}"`,
    question: `The ${who} asks "${question.text}"`,
  }[question.kind];
  const synonyms = expanded.length > base.length ? ` (plus synonyms: ${expanded.slice(base.length).join(", ")})` : "";
  return {
    reasoning: `${asks} and sounds ${mood(sentiment)}.${took} Searching the knowledge base for "${base.join(" ")}"${synonyms}.`,
    call: { toolName: SEARCH_TOOL, input: { query } },
  };
}

/** Step 2: answer from the best article only if it really fits, else hand off. */
function afterSearch(turn: Turn, value: unknown, input: unknown, fit: FitThresholds): Decision {
  const sent = (input as { query?: unknown } | undefined)?.query;
  const query = typeof sent === "string" ? sent : (findQuestion(turn.words)?.text ?? turn.words);
  const queryWords = keywords(query, 2 * MAX_QUERY_WORDS);
  const customerWords = keywords(turn.words, 24);
  const results = parseSearchResults(value);
  if (results.length === 0) {
    return handoff(turn, `The knowledge base has no article for "${query}". Handing off (insufficient knowledge).`, "insufficient_knowledge");
  }
  const best = judgeArticles(results, queryWords, customerWords, fit);
  if (!best || !best.fits) {
    const a = best?.article ?? results[0];
    const got = best?.queryMatched.length ? `only matches ${best.queryMatched.join(", ")}` : "shares none of the question's words";
    return handoff(
      turn,
      `The best article, '${a.title}' (score ${a.score.toFixed(2)}), ${got} of ${(best?.queryWords ?? queryWords).join(", ")}; not enough to answer. Handing off (insufficient knowledge).`,
      "insufficient_knowledge",
    );
  }
  if (turn.convo.earlierReplies.includes(`From our help article: ${best.article.title}`)) {
    return handoff(turn, `I already sent '${best.article.title}' earlier and the ${turn.who} is still asking, so the article does not solve it. Handing off.`, "insufficient_knowledge");
  }
  return {
    reasoning: `Article '${best.article.title}' (score ${best.article.score.toFixed(2)}) matches ${best.matched.join(", ")}. Answering from it.`,
    text: composeAnswer(best.article, customerWords, turn.ctx),
  };
}

/** The offline model's policy for one step, from the conversation so far and the tools on offer. */
export function decide(convo: Conversation, tools: ReadonlySet<string>, fit: FitThresholds = DEFAULT_FIT): Decision {
  const words = extractCustomerWords(convo.turn);
  const sentiment = scoreSentiment(words);
  const turn: Turn = {
    convo,
    words,
    sentiment,
    who: convo.channel === "voice" ? "caller" : "customer",
    canSearch: tools.has(SEARCH_TOOL),
    canHandoff: tools.has(HANDOFF_TOOL),
    ctx: { channel: convo.channel, kind: convo.kind, name: callerName(words), upset: sentiment.label === "frustrated" || sentiment.label === "angry" },
  };

  if (convo.calledTools.includes(HANDOFF_TOOL)) {
    return { reasoning: "The conversation was already handed to a teammate in this turn.", text: composeHandoffNotice(turn.ctx) };
  }
  const latest = convo.results[convo.results.length - 1];
  if (!latest) return firstStep(turn);
  if (!latest.ok) {
    return handoff(turn, `The ${latest.toolName} tool failed (${truncate(JSON.stringify(latest.value) ?? "no details", 120)}). Handing off.`, "error");
  }
  if (latest.toolName === SEARCH_TOOL) return afterSearch(turn, latest.value, latest.input, fit);
  return firstStep(turn);
}
