/**
 * An AFINN-style sentiment lexicon tuned for help-desk messages: each word or phrase scores -5..+5.
 * Words are matched lower-case; phrases (several words) are matched first and win over their words, which is
 * how "no problem" stays friendly while "problem" alone is mildly negative.
 */

function group(score: number, list: string): [string, number][] {
  return list
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => [w, score]);
}

/** Single words. Support context matters: "joke", "unbelievable" and "seriously" are complaints here. */
export const WORD_SCORES: ReadonlyMap<string, number> = new Map([
  ...group(-5, "motherfucker, motherfucking, cunt"),
  ...group(
    -4,
    [
      "fuck, fucking, fucked, fucker, shit, shitty, bullshit, wtf, furious, livid, outraged, outrageous, enraged, fuming,",
      "disgusting, disgusted, horrific, appalling, atrocious, abysmal, fraud, fraudulent, pissed, thieves, criminal, extortion",
    ].join(" "),
  ),
  ...group(
    -3,
    [
      "ridiculous, terrible, horrible, awful, worst, hate, hated, hating, angry, mad, scam, scammed, scammers, crap, crappy,",
      "incompetent, nightmare, disaster, disgrace, disgraceful, garbage, sucks, suck, sucked, idiot, idiots, dumb, robbed,",
      "stealing, stole, steal, cheated, cheating, misleading, lied, liar, liars, lying, overcharged, overcharging, inexcusable,",
      "unacceptable, sue, suing, lawsuit, chargeback, chargebacks, irritated, infuriating, infuriated, insulting, insult,",
      "bad, pathetic, miserable, rubbish, shameful, deceptive, dishonest, useless, hopeless, screwed, furiously, nul, lamentable, harto, harta",
    ].join(" "),
  ),
  ...group(
    -2,
    [
      "annoyed, annoying, frustrated, frustrating, frustration, upset, disappointed, disappointing, disappointment, unhappy,",
      "sad, wrong, poor, fail, failed, fails, failing, failure, broken, stuck, confused, confusing, worried, worrying, rude,",
      "ignored, ignoring, ignore, unprofessional, complain, complaint, complaints, stupid, clueless, joke, unbelievable, absurd,",
      "insane, crazy, lawyer, attorney, dispute, threaten, wasted, trash, damn, damned, hell, ugh, argh, unreliable, unusable,",
      "problematic, messed, mess, nonsense, sick, tired, impatient, dissatisfied, unfair, refuse, refused, nobody, pointless,",
      "awkward, hassle, shocking, shocked, horrendous, excuses, excuse, lousy, sloppy, regrette, marre, maze",
    ].join(" "),
  ),
  ...group(
    -1,
    [
      "problem, problems, error, errors, issue, late, delay, delayed, delays, slow, lost, missing, unfortunately, bug, bugs,",
      "glitch, concerned, concern, urgent, urgently, waiting, sigh, hmm, unclear, difficult, hard, trouble, struggling, struggle,",
      "expensive, cancelled, declined, denied, charged, complicated, odd, weird, strange, annoyance, nervous",
    ].join(" "),
  ),
  ...group(
    1,
    "thanks, thank, thx, ty, cheers, fine, fixed, resolved, easy, smooth, okay, sure, welcome, hope, hopefully, interested",
  ),
  ...group(
    2,
    [
      "good, nice, helpful, appreciate, appreciated, appreciation, solved, satisfied, pleasant, friendly, glad, cool,",
      "thankful, useful, works, reliable, recommend, fair, quickly, patient, enjoy, enjoyed",
    ].join(" "),
  ),
  ...group(
    3,
    "great, love, loved, loving, excellent, perfect, happy, pleased, grateful, lovely, impressed, delighted, awesome",
  ),
  ...group(
    4,
    "amazing, fantastic, wonderful, brilliant, incredible, thrilled, superb, outstanding, phenomenal, stellar",
  ),
]);

/** Multi-word phrases, checked before single words. Zero-scored phrases just shield their words. */
export const PHRASE_SCORES: ReadonlyMap<string, number> = new Map([
  // Facts about a payment, line quality and willingness are not feelings: "my payment failed", "the line's bad", "happy to".
  ...group(
    0,
    "payment failed, failed payment, payment was declined, card was declined, payment that failed, failed invoice, the line's real bad, line's real bad, the line's bad, line is bad, speaker's bad, bad line, bad connection, happy to",
  ),
  ...group(
    -3,
    "done with the robot, done with the bot, done with this robot, done with the machine, done with the ai, not doing this with a machine, should be fired, j'en ai marre",
  ),
  ...group(
    0,
    "best regards, kind regards, warm regards, good morning, good afternoon, good evening, good day, how are you, hope you are well, no big deal, if that's okay, feel free, pretty sure, make sure, sure thing",
  ),
  ...group(1, "no problem, no worries, not a problem, no rush, thank you, thanks again"),
  ...group(
    2,
    "thank you so much, thanks so much, thanks a lot, much appreciated, that worked, works now, working now, that helped, that helps, good job, well done",
  ),
  ...group(3, "that fixed it, you guys rock, you rock, great job, keep it up, love it, really appreciate it"),
  ...group(
    -1,
    "never arrived, never arrives, never received, never came, never got, still not, still haven't, on hold, for days, three times, four times, five times, multiple times, several times, many times, a while",
  ),
  ...group(
    -2,
    [
      "doesn't work, does not work, didn't work, did not work, not working, isn't working, stopped working, still waiting,",
      "no response, no reply, no answer, nobody answers, no one answers, hung up, charged twice, charged me twice, double charged,",
      "again and again, for weeks, tired of, no help, losing patience, lost patience, not acceptable, not okay, not ok, not fair,",
      "not happy, not helpful, taking forever, takes forever, took forever",
    ].join(" "),
  ),
  ...group(
    -3,
    [
      "fed up, sick of, sick and tired, had enough, last straw, are you kidding, what a joke, waste of time, waste of money,",
      "rip off, ripoff, ripped off, out of patience, never again, what the hell, enough is enough, worst service, legal action,",
      "small claims, better business bureau, report you, this is a joke",
    ].join(" "),
  ),
]);

/** Words that flip the next sentiment word within three tokens ("not happy", "never helpful"). */
export const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  "won't",
  "can't",
  "cannot",
  "couldn't",
  "wouldn't",
  "shouldn't",
  "haven't",
  "hasn't",
  "hadn't",
  "ain't",
  "hardly",
  "without",
  "nor",
  "neither",
]);

/** Words that strengthen the next sentiment word ("really angry"); profanity counts as both. */
export const INTENSIFIERS = new Set([
  "very",
  "really",
  "so",
  "extremely",
  "absolutely",
  "totally",
  "completely",
  "incredibly",
  "super",
  "utterly",
  "truly",
  "seriously",
  "fucking",
  "freaking",
  "bloody",
  "damn",
  "insanely",
  "ridiculously",
  "most",
  "beyond",
  "deeply",
  "highly",
]);

/** Words that soften the next sentiment word ("a bit annoyed"). */
export const DIMINISHERS = new Set(["slightly", "somewhat", "kinda", "bit", "little", "mildly", "fairly", "barely"]);

/** Upper-case words that are not shouting. */
export const ACRONYMS = new Set([
  "I",
  "OK",
  "ID",
  "PIN",
  "SMS",
  "URL",
  "API",
  "FAQ",
  "PDF",
  "USA",
  "US",
  "UK",
  "EU",
  "AM",
  "PM",
  "VAT",
  "CEO",
  "IT",
  "TV",
  "PC",
  "SSO",
  "2FA",
  "IBAN",
  "CSV",
  "ETA",
  "USD",
  "EUR",
  "GBP",
  "IOS",
  "IP",
  "VPN",
  "SSN",
  "DOB",
  "ZIP",
  "ACME",
  "UPS",
  "FEDEX",
  "DHL",
]);

/** Help-desk synonyms, so "charged twice" finds an article about "duplicate charges". Each line is one group. */
export const SYNONYM_GROUPS: readonly string[][] = [
  "twice double duplicate identical two",
  "invoice bill billing receipt",
  "login log signin sign",
  "password passcode passwort",
  "cancel cancellation unsubscribe",
  "refund reimburse reimbursement",
  "delivery shipping ship shipment arrive dispatch warehouse",
  "order package parcel",
  "hours open opening close closed closing",
  "card payment pay paid",
  "email mail inbox",
  "account profile",
  "late delayed delay",
  "address location",
  "reply answer respond response",
  "access active",
  "delete deleted erase remove kept keep retain",
  "data projects files",
  "disappear vanish",
  "change update modify swap switch edit",
  "expire expired expires valid",
  "whitelist allowlist filter filters contacts",
  "admin administrator owner",
].map((line) => line.split(" "));
