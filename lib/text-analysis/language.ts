/**
 * Language help for the offline model: which language a message is in (English, Spanish, French or German), an
 * English gloss of its help-desk words so one set of English rules and the English knowledge base can read it, and
 * repairs for what speech-to-text and texting do to words ("pass word", "re-set", "r u open").
 */

export type Language = "en" | "es" | "fr" | "de";

/** Small, frequent words that give a language away. Accents are kept: "é", "ñ", "ü" are good evidence. */
const MARKERS: Record<Exclude<Language, "en">, RegExp> = {
  es: /\b(?:el|la|los|las|una|que|por|para|con|mi|mis|me|quiero|quisiera|necesito|puede|pueden|cómo|como|qué|cuánto|cuándo|hola|gracias|buenos|buenas|estoy|es|son|hacen|tengo|usted|ustedes|pero|porque|sí|muy|del|al|también|ya|nada|alguien|envío|pedido|cuenta)\b|[ñ¿¡]/giu,
  fr: /\b(?:le|la|les|une|des|est|je|j'|vous|nous|mon|ma|mes|pour|avec|pas|bonjour|merci|pouvez|peux|suis|c'est|qu'|quelqu'un|combien|comment|votre|notre|sur|dans|du|au|aux|très|avoir|être|ne|n'|m'|d'|l')/giu,
  de: /\b(?:der|die|das|und|ich|sie|mich|mir|mein|meine|ist|nicht|bitte|danke|guten|tag|hallo|wie|wann|wo|kann|können|mit|einem|einen|auf|für|von|zu|ihr|ihrem|ihren|seid|habe|haben|hätte|gern|noch|auch|wegen|bis)\b|[äöüß]/giu,
};

/** English evidence, so "Hi, my order A12 is late" is never read as Spanish for one "a". */
const ENGLISH =
  /\b(?:the|and|is|are|i|my|you|your|to|of|it|this|that|with|for|have|how|what|can|do|please|thanks|hi|hello|me|was|not|on|in|be|will|would)\b/gi;

/** The message's language: the one with the most marker words, English unless another clearly wins. */
export function detectLanguage(text: string): Language {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const en = count(ENGLISH);
  let best: Language = "en";
  let bestCount = 0;
  for (const [lang, re] of Object.entries(MARKERS) as [Exclude<Language, "en">, RegExp][]) {
    const n = count(re);
    if (n > bestCount) [best, bestCount] = [lang, n];
  }
  return bestCount >= 2 && bestCount > en ? best : "en";
}

/** Whether a sentence is English: English pronoun rewriting only makes sense there. */
export function isEnglish(text: string): boolean {
  return detectLanguage(text) === "en";
}

/**
 * Spanish, French and German help-desk words and phrases with their English meaning. Longer phrases first; each
 * pattern is matched case-insensitively on word boundaries. Words that only carry grammar are left out: an
 * untranslated word is simply not a topic word.
 */
const GLOSSARY: [string, string][] = [
  // Spanish
  ["contraseña|contrasena|clave de acceso", "password"],
  ["olvidé|olvide|olvidado|olvidada", "forgot"],
  ["restablecer|restablezco|recuperar", "reset"],
  ["iniciar sesión|inicio de sesión|entrar a mi cuenta|acceder", "login"],
  ["cambiar|cambiarla|cambiarlo|cambio|cambiar la|modificar", "change"],
  ["actualizar|actualizo", "update"],
  ["correo electrónico|correo electronico|correo|e-mail", "email"],
  ["facturas|factura", "invoice"],
  ["facturación|facturacion", "billing"],
  ["envíos|envios|envío|envio|enviar", "shipping"],
  ["entrega|entregan", "delivery"],
  ["pedido|pedidos", "order"],
  ["rastrear|seguimiento", "track"],
  ["cuánto tarda|cuanto tarda|cuánto tiempo|cuanto tiempo|cuánto demora|tarda|tardan", "how long take"],
  ["horario|horarios|a qué hora|a que hora", "hours time"],
  ["abren|abierto|abiertos|atienden", "open"],
  ["cierran", "close"],
  ["sábados|sábado|sabado|sabados", "saturday"],
  ["domingos|domingo", "sunday"],
  ["lunes", "monday"],
  ["viernes", "friday"],
  ["suscripción|suscripcion", "subscription"],
  ["cancelar|cancelo|cancelarla|darme de baja|dar de baja", "cancel"],
  ["tarjeta de crédito|tarjeta", "card"],
  ["pago|pagos|pagar", "payment"],
  ["cobro|cobros|cargo|cargos|cobrar|cobran|cobraron", "charge"],
  ["dos veces|doble|duplicado|duplicados|iguales", "duplicate"],
  ["reembolso|reembolsar|devolución del dinero|devuelvan el dinero|devolver el dinero|me devuelvan", "refund"],
  ["dinero", "money"],
  ["cuenta", "account"],
  ["datos", "data"],
  ["exprés|expres", "express"],
  ["estándar|estandar", "standard"],
  ["precio|cuesta|cuestan|costo", "price cost"],
  ["dirección|direccion", "address"],
  ["gratis", "free"],
  // French
  ["mot de passe", "password"],
  ["oublié|oublie", "forgot"],
  ["réinitialiser|reinitialiser", "reset"],
  ["me connecter|connexion|se connecter", "login"],
  ["changer|change|modifier", "change"],
  ["mettre à jour", "update"],
  ["carte bancaire|carte de crédit|carte", "card"],
  ["factures|facture", "invoice"],
  ["facturation", "billing"],
  ["livraison|livrer|livrez", "delivery"],
  ["expédition|expédier|expédiez", "shipping"],
  ["colis", "package"],
  ["commande", "order"],
  ["combien de temps", "how long take"],
  ["horaires|heures d'ouverture", "hours"],
  ["ouverts|ouvert|ouvrez", "open"],
  ["samedi", "saturday"],
  ["dimanche", "sunday"],
  ["abonnement", "subscription"],
  ["résilie|résilier|résiliation|annuler|résilie", "cancel"],
  ["données", "data"],
  ["conservées|conservés|gardées|gardés", "kept"],
  ["remboursé|remboursée|rembourser|remboursement|me rembourser", "refund"],
  ["paiement", "payment"],
  ["prélèvement|prélevé|débité", "charge"],
  ["compte", "account"],
  ["adresse", "address"],
  ["TVA", "VAT"],
  // German
  ["passwort|kennwort", "password"],
  ["vergessen", "forgot"],
  ["zurücksetzen|zurückzusetzen", "reset"],
  ["anmelden|einloggen|login", "login"],
  ["e-mail-adresse|mail-adresse", "email address"],
  ["e-mail|e-mails|mail", "email"],
  ["rechnungen|rechnung", "invoice billing"],
  ["ändern|ändere|geändert", "change"],
  ["zahlung|zahlungen|bezahlung", "payment"],
  ["fehlgeschlagen", "failed"],
  ["kreditkarte|karte", "card"],
  ["aktualisieren", "update"],
  ["standardversand", "standard shipping"],
  ["expressversand", "express shipping"],
  ["versand|versenden|verschickt", "shipping"],
  ["lieferung|liefern|lieferzeit", "delivery"],
  ["bestellung", "order"],
  ["wie lange|dauert", "how long take"],
  ["öffnungszeiten", "opening hours"],
  ["geöffnet|erreichbar|offen", "open"],
  ["samstags|samstag", "saturday"],
  ["sonntags|sonntag", "sunday"],
  ["abonnement|abo", "subscription"],
  ["kündigen|kündigung|kündige", "cancel"],
  ["kontoinhaber", "account owner"],
  ["konto", "account"],
  ["daten", "data"],
  ["erstatten|erstattung|rückerstattung|geld zurück", "refund"],
  ["doppelte|doppelt|zweimal", "duplicate"],
  ["abbuchung|abgebucht|abbuchungen", "charge"],
  ["adresse", "address"],
  ["deutsch", "german"],
];

const GLOSSARY_RES = GLOSSARY.map(([from, to]) => ({
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${from})(?![\\p{L}\\p{N}])`, "giu"),
  to,
}));

/**
 * The English gloss of a non-English text: known help-desk words become English words, everything else is dropped
 * (except names and numbers, which carry over), so the result holds only words the English rules can read.
 */
export function englishGloss(text: string, lang: Language = detectLanguage(text)): string {
  if (lang === "en") return text;
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => {
      const found: { at: number; word: string }[] = [];
      let rest = sentence;
      for (const { re, to } of GLOSSARY_RES) {
        rest = rest.replace(re, (match, offset: number) => {
          found.push({ at: offset, word: to });
          return " ".repeat(match.length);
        });
      }
      // Names, codes and numbers carry over: "México", "TVA", "88123". A capital after the sentence start is a
      // name in Spanish and French; German capitalises every noun, so there only all-caps codes and numbers carry.
      for (const m of rest.matchAll(/[\p{Lu}][\p{L}]+|\b[A-Z0-9][A-Z0-9-]*\d[A-Z0-9-]*\b|\b[A-Z]{2,}\b|[?]/gu)) {
        if (m[0] === "?" || /\d/.test(m[0]) || /^[A-Z]{2,}$/.test(m[0])) found.push({ at: m.index, word: m[0] });
        else if (
          lang !== "de" &&
          m.index > 0 &&
          !/[.!?¿¡]\s*$/.test(rest.slice(0, m.index).trimEnd() + " ") &&
          rest.slice(0, m.index).trim()
        )
          found.push({ at: m.index, word: m[0] });
      }
      return found
        .sort((a, b) => a.at - b.at)
        .map((f) => f.word)
        .join(" ")
        .replace(/\s+\?/g, "?");
    })
    .filter(Boolean)
    .join("\n");
}

const DIGITS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  cero: "0",
  uno: "1",
  dos: "2",
  tres: "3",
  cuatro: "4",
  cinco: "5",
  seis: "6",
  siete: "7",
  ocho: "8",
  nueve: "9",
  zéro: "0",
  un: "1",
  deux: "2",
  trois: "3",
  quatre: "4",
  cinq: "5",
  sept: "7",
  huit: "8",
  neuf: "9",
  null: "0",
  eins: "1",
  zwei: "2",
  drei: "3",
  vier: "4",
  fünf: "5",
  sechs: "6",
  sieben: "7",
  acht: "8",
  neun: "9",
};
const DIGIT_WORD = Object.keys(DIGITS).join("|");

/**
 * Numbers read out digit by digit become digits: "D as in dog, four four one nine" -> "D4419", "six one seven,
 * five five five" -> "617 555". Three or more digit words in a row are a number; fewer are left as words.
 */
export function spokenDigits(text: string): string {
  const run = new RegExp(`\\b(?:${DIGIT_WORD})(?:[\\s,-]+(?:${DIGIT_WORD})\\b){2,}`, "giu");
  let out = text.replace(run, (m) =>
    m
      .split(/([\s,-]+)/)
      .map((part) => (/^[\s,-]+$/.test(part) ? (part.includes(",") ? " " : "") : (DIGITS[part.toLowerCase()] ?? part)))
      .join("")
      .trim(),
  );
  // "D as in dog, 4419" -> "D4419".
  out = out.replace(/\b([A-Z]) as in \w+,?\s*(\d{2,})/g, "$1$2");
  return out;
}

/** What speech-to-text and texting do to help-desk words, undone. Only unambiguous repairs. */
const REPAIRS: [RegExp, string][] = [
  [/\bpass[\s-]+word\b/gi, "password"],
  [/\bre[\s-]+set\b/gi, "reset"],
  [/\bup[\s-]+date\b/gi, "update"],
  [/\bpay[\s-]+meant\b/gi, "payment"],
  [/\bsub[\s-]+scription\b/gi, "subscription"],
  [/\bre-?\s?fund\b/gi, "refund"],
  [/\be-mail/gi, "email"],
  [/\blog[\s-]in\b/gi, "login"],
  [/\bsign[\s-]in\b/gi, "signin"],
  [/\bcan sell (my|the|our) (sub|subscription|plan|account|membership)\b/gi, "cancel $1 $2"],
  [/\bmy sub\b/gi, "my subscription"],
  [/\br u\b/gi, "are you"],
  [/\bu guys\b/gi, "you guys"],
  [/\bpls\b|\bplz\b/gi, "please"],
  [/\bthx\b/gi, "thanks"],
  [/\bcant\b/gi, "can't"],
  [/\bdidnt\b/gi, "didn't"],
  [/\bdont\b/gi, "don't"],
  [/\bwanna\b/gi, "want to"],
  // Censored profanity still counts: "f***ing".
  [/\bf[*#@$%!]{2,}(?:k)?(ing|ed|er)?\b/gi, "fuck$1"],
  [/\bs[*#@$%!]{2,}t\b/gi, "shit"],
];

export function repairWords(text: string): string {
  let out = text;
  for (const [re, to] of REPAIRS) out = out.replace(re, to);
  // "Un-be-lievable", "rep-re-sentative": syllables split by a stammer, joined again.
  out = out.replace(/\b(\p{L}{1,4})-(\p{L}{1,4})-(\p{L}{2,})\b/gu, "$1$2$3");
  return spokenDigits(out);
}
