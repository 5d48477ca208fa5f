import { HANDOFF_TOPICS_HEADING } from "../prompt";
import { SYNONYM_GROUPS } from "../../text-analysis/lexicon";
import { contentStems, keywords, stem } from "../../text-analysis/text";

/** The team's handoff topics, read back from the "## Handoff topics" list the prompt carries. */
export function readHandoffTopics(system: string): string[] {
  const start = system.indexOf(`## ${HANDOFF_TOPICS_HEADING}`);
  if (start < 0) return [];
  const section = system.slice(start).split("\n").slice(1);
  const topics: string[] = [];
  for (const line of section) {
    if (line.startsWith("## ")) break;
    const item = /^\s*-\s+(.+)$/.exec(line);
    if (item) topics.push(item[1].trim());
  }
  return topics;
}

/** Stems that count as the word: its own, and its help-desk synonyms' ("refund" also matches "reimburse"). */
function acceptedStems(word: string): string[] {
  const own = stem(word);
  const group = SYNONYM_GROUPS.find((members) => members.some((member) => stem(member) === own));
  return [own, ...(group ?? []).map(stem)];
}

export interface TopicMatch {
  topic: string;
  /** The alternative of the topic that matched, e.g. "chargeback" of "refund, chargeback or money back". */
  matched: string;
}

/**
 * The first topic the customer's words are about. A topic lists alternatives separated by commas, "or", ";" or
 * "/". An alternative matches when its topic words (or their synonyms) appear side by side, in any order, among the
 * customer's topic words: "legal action" needs both together ("action … legal settings" is not it), "lawyer" alone
 * is enough, small words are ignored ("cancel my contract" matches "cancel the contract"), and "password resets"
 * matches "reset my password".
 */
export function matchHandoffTopic(topics: string[], customerWords: string): TopicMatch | null {
  const said = contentStems(customerWords);
  for (const topic of topics) {
    for (const alternative of topic
      .split(/,|;|\/|\bor\b/i)
      .map((part) => part.trim())
      .filter(Boolean)) {
      const needed = keywords(alternative, 6).map(acceptedStems);
      if (needed.length > 0 && containsPhrase(said, needed)) return { topic, matched: alternative };
    }
  }
  return null;
}

/** Whether `said` has a run of consecutive stems holding every needed word, in any order ("reset my password"). */
function containsPhrase(said: string[], needed: string[][]): boolean {
  for (let start = 0; start + needed.length <= said.length; start++) {
    const window = said.slice(start, start + needed.length);
    if (needed.every((accepted) => accepted.some((stem) => window.includes(stem)))) return true;
  }
  return false;
}
