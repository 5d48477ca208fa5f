/** Small text helpers shared by the offline model: sentences, tokens, stems and keywords. */

/** Curly quotes and dashes become plain ones so one set of patterns fits every transcript. */
export function normalize(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, " - ")
    .replace(/\u00a0/g, " ");
}

/** Splits text into sentences at ". ", "? ", "! " and line breaks. "1. Open…", "e.g. …" and "acme.example" stay whole. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of normalize(text).split(/\n+/)) {
    let carry = "";
    for (const piece of line.split(/(?<=[.!?]+["')\]]*)\s+/)) {
      const joined = carry ? `${carry} ${piece}` : piece;
      // A lone "1." or "e.g." is not a sentence: glue it to what follows.
      if (/(^|\s)(\d{1,2}|e\.g|i\.e|etc|approx|vs|mr|mrs|ms|dr)\.$/i.test(joined.trim())) {
        carry = joined;
        continue;
      }
      carry = "";
      if (joined.trim()) out.push(joined.trim());
    }
    if (carry.trim()) out.push(carry.trim());
  }
  return out;
}

/** Lower-case word tokens, apostrophes kept ("don't"). */
export function words(text: string): string[] {
  return (
    normalize(text)
      .toLowerCase()
      .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []
  );
}

/** A light suffix stripper so "resetting", "resets" and "reset" compare equal. Not Porter, just enough. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "");
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  else if (/(ss|us|is)$/.test(w)) return w;
  else if (/(sh|ch|x|s)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s")) w = w.slice(0, -1);
  // "resett" -> "reset", "shipp" -> "ship"
  if (/([bdglmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Words that carry no topic: greetings, fillers, pronouns, auxiliaries and question words. */
const STOPWORDS = new Set(
  (
    "a about above after again all also am an and any anyone anything are as at be been before being both but by " +
    "can can't cannot could couldn't did didn't do does doesn't doing don't down during each either else ever every few for from " +
    "get gets getting got had has have having he her here hers him his how i i'd i'll i'm i've if in into is isn't it it's its " +
    "just keep know let let's like me mine more most much must my myself need needs no nor not now of off on once only or other our ours " +
    "out over own please quick question questions quickly really same she should so some someone something still such than thank thanks " +
    "that that's the their them then there there's these they this those through to too try trying under until up us very want wanted wants " +
    "was wasn't way we we're were what what's when where which while who why will with won't would wouldn't yes yet you you're your yours " +
    "hi hello hey dear regards cheers okay ok sorry wondering wonder tell help able also again actually maybe thing things " +
    "customer caller asked asking asks called calling call voicemail message never already always today yesterday talk speak person human agent anyone someone somebody one"
  ).split(" "),
);

/** Topic words of a text, in order, lower-case, without stopwords or duplicates (by stem). */
export function keywords(text: string, max = 12): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOPWORDS.has(w) || w.length < 2 || /^\d+$/.test(w)) continue;
    const s = stem(w);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}

/** Stems of a text's topic words in order, repeats kept: for phrase matches such as "legal action". */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && w.length >= 2 && !/^\d+$/.test(w))
    .map(stem);
}

/** Stems of a text's words, for overlap tests. */
export function stemSet(text: string): Set<string> {
  return new Set(words(text).map(stem));
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts text at a word boundary and adds an ellipsis when it is longer than max. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "") + "…";
}
