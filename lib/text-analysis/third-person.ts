/**
 * Rewrites a customer's sentence in the third person for a teammate: "I was charged twice for my invoice"
 * -> "Customer was charged twice for their invoice". "You" (the company) becomes "we"/"us".
 */

/** Whether "Customer" was already named, so later "I"s become "they". */
export interface PersonState {
  named: boolean;
}

const PAST_OR_MODAL = new Set(
  (
    "can could would should will shall may might must cannot can't couldn't wouldn't won't didn't shouldn't " +
    "got paid bought sent made told said spoke went saw had did gave took lost found left felt thought read wrote forgot " +
    "came kept heard began understood knew ran set hit put let meant sold spent paid brought"
  ).split(" "),
);
const ADVERB =
  "(?:just|already|also|still|really|never|only|actually|even|recently|then|now|again|definitely|honestly|basically)";

function conjugate(verb: string, singular: boolean): string {
  const v = verb.toLowerCase();
  const table: Record<string, [string, string]> = {
    am: ["is", "are"],
    was: ["was", "were"],
    "wasn't": ["wasn't", "weren't"],
    have: ["has", "have"],
    "haven't": ["hasn't", "haven't"],
    do: ["does", "do"],
    "don't": ["doesn't", "don't"],
  };
  if (table[v]) return table[v][singular ? 0 : 1];
  if (!singular || PAST_OR_MODAL.has(v) || v.endsWith("ed") || !/^[a-z]+$/.test(v)) return verb;
  if (/[^aeiou]y$/.test(v)) return v.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh|o)$/.test(v)) return v + "es";
  return v + "s";
}

/** Contractions first, so "I've" and "I have" take the same path. */
function expand(text: string): string {
  return text
    .replace(/\bI'm\b/gi, "I am")
    .replace(/\bI've\b/gi, "I have")
    .replace(/\bI'll\b/gi, "I will")
    .replace(/\bI'd\b/gi, "I would")
    .replace(/\bwe're\b/gi, "we are")
    .replace(/\bwe've\b/gi, "we have")
    .replace(/\byou're\b/gi, "you are")
    .replace(/\byou've\b/gi, "you have");
}

export function toThirdPerson(sentence: string, state: PersonState): string {
  let s = expand(sentence);
  const inverted: Record<string, string> = { am: "are", was: "were" };
  // Questions: "was I charged" -> "were they charged".
  s = s.replace(
    /\b(am|was|have|do|did|can|could|will|would|should|may|might) I\b/gi,
    (_m, aux: string) => `${inverted[aux.toLowerCase()] ?? aux} they`,
  );
  s = s.replace(
    new RegExp(`\\bI(\\s+${ADVERB})?\\s+([A-Za-z']+)`, "g"),
    (_m, adverb: string | undefined, verb: string) => {
      const singular = !state.named;
      const subject = state.named ? "they" : "Customer";
      state.named = true;
      return `${subject}${adverb ?? ""} ${conjugate(verb, singular)}`;
    },
  );
  s = s.replace(/\bI\b/g, "they");
  s = s
    .replace(/\bmyself\b/gi, "themselves")
    .replace(/\bmine\b/gi, "theirs")
    .replace(/\bmy\b/gi, "their")
    .replace(/\bme\b/gi, "them")
    .replace(/\bours\b/gi, "theirs")
    .replace(/\bour\b/gi, "their")
    .replace(/\bus\b/g, "them")
    .replace(/\bwe\b/gi, "they");
  // "you" is the company: subject -> "we", object -> "us".
  s = s
    .replace(/\byou (?:people|guys|lot|folks)\b/gi, "our team")
    .replace(/\byourselves\b|\byourself\b/gi, "ourselves")
    .replace(/\byours\b/gi, "ours")
    .replace(/\byour\b/gi, "our")
    .replace(/\b(do|does|did|can|could|will|would|are|were|have|should|if|when|because|that|and|but) you\b/gi, "$1 we")
    .replace(
      /^you\b|\byou(?= (?:guys|people|are|were|have|can|could|will|would|should|do|did|don't|didn't|never|always|keep|still|just|charge|charged|send|sent|use|need|take|ship|offer|bill|sell|say|said|told|want|make|guys|\w+ed)\b)/gi,
      "we",
    )
    .replace(/\byou\b/gi, "us");
  return s.replace(/^customer\b/, "Customer");
}
