import { fixtureText } from "../helpers/fixtures";
import { describe, expect, it } from "vitest";
import { cleanSubject, emailForModel } from "@/lib/channels/email";
import { stripQuotedHistory } from "@/lib/channels/email-quotes";
import { stripSignature } from "@/lib/channels/email-signature";

function fixtureMessage(name: string) {
  return JSON.parse(fixtureText(name)).payload.target.data;
}

const gmailReply = `<div dir="ltr">Hi Acme team,<div><br></div><div>Thanks for the quick answer. Can I also get the invoice as a PDF?</div><div><br></div><div>Best,</div><div>Sam</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Jan 6, 2025 at 9:14 AM Acme Support &lt;<a href="mailto:support@acme.example">support@acme.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Hi Sam,<br><br>Your billing email has been updated.<br><br>Acme Support</div></blockquote></div>`;

const gmailSignature = `<div dir="ltr"><div>Where is my order #1042? It was due Friday.</div><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Sam Lee<div>Head of Ops, Customer Co</div><div>+1 415 555 0123</div></div></div></div>`;

const outlookWeb = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head><body dir="ltr"><div class="elementToProof" style="font-family: Aptos, sans-serif; font-size: 12pt;">Hello,</div><div class="elementToProof">The export still fails with error 500 when I pick &quot;Last 30 days&quot;.</div><div id="Signature"><div>Jordan Park</div><div>IT Manager</div></div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Acme Support &lt;support@acme.example&gt;<br><b>Sent:</b> Monday, January 6, 2025 9:14 AM<br><b>To:</b> Jordan Park &lt;jordan@customer.example&gt;<br><b>Subject:</b> RE: Export failing</font><div>&nbsp;</div></div><div>Hi Jordan, could you try again?</div></body></html>`;

const outlookDesktop = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal {margin:0in;} --></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]--></head><body lang=EN-US><div class=WordSection1><p class=MsoNormal>Hi,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Please cancel order 1042 &#8211; we ordered the wrong size.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Kind regards,<o:p></o:p></p><p class=MsoNormal>Priya Shah<o:p></o:p></p><p class=MsoNormal>Purchasing | Customer Co<o:p></o:p></p><p class=MsoNormal>T: +44 20 7946 0958<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in'><p class=MsoNormal><b>From:</b> Acme Support &lt;support@acme.example&gt; <br><b>Sent:</b> 06 January 2025 09:14<br><b>To:</b> Priya Shah &lt;priya@customer.example&gt;<br><b>Subject:</b> RE: Order 1042<o:p></o:p></p></div><p class=MsoNormal>Hi Priya, your order has shipped.<o:p></o:p></p></div></body></html>`;

const appleMail = `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto"><div dir="ltr">Yes please go ahead and refund it to the original card.</div><div dir="ltr"><br id="lineBreakAtBeginningOfSignature"><div dir="ltr">Sent from my iPhone</div></div><div dir="ltr"><br><blockquote type="cite">On Jan 6, 2025, at 09:14, Acme Support &lt;support@acme.example&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Hi Sam, would you like a refund or store credit?</div></blockquote></body></html>`;

const gmailForward = `<div dir="ltr">Can you help with the invoice below? The amount looks wrong.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Billing</strong> <span dir="auto">&lt;billing@vendor.example&gt;</span><br>Date: Mon, Jan 6, 2025 at 9:14 AM<br>Subject: Invoice INV-2041<br>To: &lt;sam@customer.example&gt;<br></div><br><br><div dir="ltr">Amount due: $1,240.00</div></div></div>`;

describe("emailForModel", () => {
  it("keeps the question and drops the 'On Mon, someone wrote:' history of the fixture", () => {
    const message = fixtureMessage("app-inbound-email");
    const email = emailForModel({
      subject: message.subject,
      html: message.body,
      text: message.text,
      attachments: message.attachments,
    });
    expect(email.text).toContain("Can I change the billing email on my account?");
    expect(email.text).not.toMatch(/wrote|previous thread/);
    expect(email).toMatchObject({
      subject: "Billing email",
      quotedRemoved: true,
      signatureRemoved: false,
      attachments: [],
    });
  });

  it("does the same from the fixture's plain text alone", () => {
    const message = fixtureMessage("app-inbound-email");
    const email = emailForModel({ subject: message.subject, text: message.text });
    expect(email.text).toBe("Hello,\nCan I change the billing email on my account?");
    expect(email.quotedRemoved).toBe(true);
  });

  it("cleans a Gmail reply: quote container and sign-off", () => {
    const email = emailForModel({ subject: "Re: Billing email", html: gmailReply });
    expect(email.text).toBe("Hi Acme team,\n\nThanks for the quick answer. Can I also get the invoice as a PDF?");
    expect(email).toMatchObject({ subject: "Billing email", quotedRemoved: true, signatureRemoved: true });
  });

  it("removes Gmail's marked signature", () => {
    const email = emailForModel({ html: gmailSignature });
    expect(email.text).toBe("Where is my order #1042? It was due Friday.");
    expect(email.signatureRemoved).toBe(true);
    expect(email.quotedRemoved).toBe(false);
  });

  it("cleans an Outlook on the web reply: signature div and everything from #appendonsend", () => {
    const email = emailForModel({ html: outlookWeb });
    expect(email.text).toBe('Hello,\nThe export still fails with error 500 when I pick "Last 30 days".');
    expect(email).toMatchObject({ quotedRemoved: true, signatureRemoved: true });
  });

  it("cleans an Outlook desktop reply: From/Sent/To/Subject block and the sign-off with name, title, phone", () => {
    const email = emailForModel({ html: outlookDesktop });
    expect(email.text).toBe("Hi,\n\nPlease cancel order 1042 – we ordered the wrong size.");
    expect(email).toMatchObject({ quotedRemoved: true, signatureRemoved: true });
  });

  it("cleans an Apple Mail reply from an iPhone", () => {
    const email = emailForModel({ html: appleMail });
    expect(email.text).toBe("Yes please go ahead and refund it to the original card.");
    expect(email).toMatchObject({ quotedRemoved: true, signatureRemoved: true });
  });

  it("keeps a forwarded message: it is what the customer wants us to read", () => {
    const email = emailForModel({ subject: "Fwd: Invoice INV-2041", html: gmailForward });
    expect(email.text).toContain("The amount looks wrong.");
    expect(email.text).toContain("Amount due: $1,240.00");
    expect(email.text).toContain("Subject: Invoice INV-2041");
    expect(email.quotedRemoved).toBe(false);
    expect(email.subject).toBe("Invoice INV-2041");
  });

  it("uses the plain text when the HTML body has no text", () => {
    expect(emailForModel({ html: "<div><br></div>", text: "Hi, is the API down?" }).text).toBe("Hi, is the API down?");
    expect(emailForModel({ html: null, text: "Hi\r\nthere\r\n" }).text).toBe("Hi\nthere");
  });

  it("never strips everything: a message that is all history or all signature is kept", () => {
    const onlyHistory = emailForModel({ text: "On Mon, Jan 6, 2025, Sam wrote:\n> Can I get a refund?" });
    expect(onlyHistory.text).toBe("On Mon, Jan 6, 2025, Sam wrote:\n> Can I get a refund?");
    expect(onlyHistory).toMatchObject({ quotedRemoved: false, signatureRemoved: false });

    const onlySignature = emailForModel({ text: "Thanks,\nSam" });
    expect(onlySignature.text).toBe("Thanks,\nSam");
    expect(onlySignature.signatureRemoved).toBe(false);

    const onlyQuoteHtml = emailForModel({ html: "<blockquote>old question</blockquote>" });
    expect(onlyQuoteHtml.text).toBe("old question");
  });

  it("keeps the quote stripping when only the signature step would empty the text", () => {
    const email = emailForModel({ text: "Thanks,\nSam\n\nOn Mon, Jan 6, 2025, Acme wrote:\n> Done!" });
    expect(email.text).toBe("Thanks,\nSam");
    expect(email).toMatchObject({ quotedRemoved: true, signatureRemoved: false });
  });

  it("lists attachments with readable sizes", () => {
    const email = emailForModel({
      text: "Invoice attached.",
      attachments: [
        { filename: "INV-2041.pdf", content_type: "application/pdf", size: 123456 },
        { filename: null, content_type: null, size: null },
      ],
    });
    expect(email.attachments).toEqual([
      { name: "INV-2041.pdf", contentType: "application/pdf", size: 123456, sizeLabel: "121 KB" },
      { name: "attachment", contentType: "application/octet-stream", size: null, sizeLabel: "unknown size" },
    ]);
  });

  it("handles a missing everything", () => {
    expect(emailForModel({})).toEqual({
      subject: "",
      text: "",
      quotedRemoved: false,
      signatureRemoved: false,
      attachments: [],
    });
  });
});

describe("stripQuotedHistory", () => {
  it.each([
    [
      "English Gmail, attribution wrapped over two lines",
      "Thanks, that worked!\n\nOn Mon, Jan 6, 2025 at 9:14 AM Acme Support <\nsupport@acme.example> wrote:\n\n> Try clearing your cache.\n>",
      "Thanks, that worked!",
    ],
    [
      "French Gmail",
      "Bonjour,\n\nJe n'ai toujours pas reçu mon remboursement. Pouvez-vous vérifier ?\n\nLe lun. 6 janv. 2025 à 09:14, Acme Support <support@acme.example> a écrit :\n> Bonjour Marie,\n> Votre remboursement a été émis.",
      "Bonjour,\n\nJe n'ai toujours pas reçu mon remboursement. Pouvez-vous vérifier ?",
    ],
    [
      "German Gmail",
      "Hallo,\n\nwie kann ich meine Rechnungsadresse ändern?\n\nAm Mo., 6. Jan. 2025 um 09:14 Uhr schrieb Acme Support <support@acme.example>:\n> Hallo Jonas,",
      "Hallo,\n\nwie kann ich meine Rechnungsadresse ändern?",
    ],
    [
      "German Thunderbird",
      "Danke, erledigt.\n\nAcme Support schrieb am 06.01.2025 um 09:14:\n> Bitte bestätigen.",
      "Danke, erledigt.",
    ],
    [
      "Spanish Gmail",
      "Hola,\n¿Puedo cambiar mi plan?\n\nEl lun, 6 ene 2025 a las 9:14, Acme Support (<support@acme.example>) escribió:\n> Hola",
      "Hola,\n¿Puedo cambiar mi plan?",
    ],
    [
      "Portuguese",
      "Obrigado!\n\nEm seg., 6 de jan. de 2025 às 09:14, Acme <support@acme.example> escreveu:\n> Olá",
      "Obrigado!",
    ],
    [
      "Apple Mail attribution",
      "Perfect.\n\nOn Jan 6, 2025, at 09:14, Acme Support <support@acme.example> wrote:\n\n> Your refund is on its way.",
      "Perfect.",
    ],
    [
      "Outlook plain-text header block",
      "Please see my answers above.\n\n________________________________\nFrom: Acme Support <support@acme.example>\nSent: Monday, January 6, 2025 9:14 AM\nTo: Jordan Park <jordan@customer.example>\nSubject: RE: Export failing\n\nHi Jordan, can you send a screenshot?",
      "Please see my answers above.",
    ],
    [
      "German Outlook header block",
      "Danke!\n\nVon: Acme Support <support@acme.example>\nGesendet: Montag, 6. Januar 2025 09:14\nAn: Jonas <jonas@kunde.example>\nBetreff: AW: Rechnung\n\nHallo Jonas",
      "Danke!",
    ],
    [
      "French Outlook header block",
      "Merci beaucoup pour votre aide, c'est réglé.\n\nDe : Acme Support\nEnvoyé : lundi 6 janvier 2025 09:14\nÀ : Marie\nObjet : RE: Remboursement",
      "Merci beaucoup pour votre aide, c'est réglé.",
    ],
    [
      "-----Original Message-----",
      "Got it, I will try tonight.\n\n-----Original Message-----\nFrom: Acme Support\nSent: Monday\nTo: Sam\nSubject: Reset",
      "Got it, I will try tonight.",
    ],
    [
      "interleaved answers",
      "> Which plan are you on?\nPro, annual.\n> And the invoice number?\nINV-2041",
      "Pro, annual.\nINV-2041",
    ],
    [
      "reply written below the quote",
      "On Mon, Jan 6, 2025 at 9:14 AM Acme Support <support@acme.example> wrote:\n> Did the reset email arrive?\n\nNo, it still hasn't arrived. I checked spam too.",
      "No, it still hasn't arrived. I checked spam too.",
    ],
  ])("%s", (_name, text, expected) => {
    expect(stripQuotedHistory(text)).toEqual({ text: expected, removed: true });
  });

  it("leaves ordinary text, including sentences that start with 'On' or mention 'wrote'", () => {
    const text =
      "On Monday I tried to log in and it failed.\nMy colleague wrote: it works for her.\nFrom: the billing page, I see two charges.";
    expect(stripQuotedHistory(text)).toEqual({ text, removed: false });
  });

  it("does not take a customer's sentence for the first half of a wrapped attribution", () => {
    const text = "On second thought, ignore my last email.\nOn Mon, Jan 6, 2025, Acme wrote:\n> hi";
    expect(stripQuotedHistory(text).text).toBe("On second thought, ignore my last email.");
  });

  it("keeps the header block of a forwarded message", () => {
    const text =
      "See below.\n\n---------- Forwarded message ---------\nFrom: Billing <billing@vendor.example>\nDate: Mon, Jan 6, 2025\nSubject: Invoice\nTo: <sam@customer.example>\n\nAmount due: $1,240.00";
    expect(stripQuotedHistory(text)).toEqual({ text, removed: false });
  });
});

describe("stripSignature", () => {
  it.each([
    [
      "the '-- ' delimiter",
      "Where is my order?\n\n-- \nSam Lee\nCustomer Co\nhttps://customer.example",
      "Where is my order?",
    ],
    ["a '--' delimiter without its space", "Where is my order?\n--\nSam", "Where is my order?"],
    ["Sent from my iPhone", "Yes, go ahead.\n\nSent from my iPhone", "Yes, go ahead."],
    ["Sent from my Samsung Galaxy", "Yes, go ahead.\n\nSent from my Samsung Galaxy smartphone.", "Yes, go ahead."],
    [
      "Get Outlook for iOS with its link",
      "Call me back please.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>",
      "Call me back please.",
    ],
    [
      "Get Outlook for Android",
      "Call me back please.\n\nGet Outlook for Android (https://aka.ms/AAb9ysg)",
      "Call me back please.",
    ],
    ["French iPhone footer", "Oui, merci.\n\nEnvoyé de mon iPhone", "Oui, merci."],
    ["German iPhone footer", "Ja, bitte.\n\nVon meinem iPhone gesendet", "Ja, bitte."],
    ["Thanks, + name", "Can you resend the invoice?\n\nThanks,\nSam", "Can you resend the invoice?"],
    [
      "Best regards, + name and title",
      "Please cancel order 1042.\n\nBest regards,\nPriya Shah\nPurchasing Manager",
      "Please cancel order 1042.",
    ],
    [
      "Cheers, + four lines",
      "The export works now, thanks for the fix.\n\nCheers,\nAlex Kim\nCTO, Customer Co\n+1 (415) 555-0123\nwww.customer.example",
      "The export works now, thanks for the fix.",
    ],
    ["sign-off and name on one line", "Is the API down right now?\n\nThanks, Sam", "Is the API down right now?"],
    [
      "sign-off, name, then phone footer",
      "Refund it please.\n\nBest regards,\nSam\n\nSent from my iPhone",
      "Refund it please.",
    ],
    ["Cordialement", "Pouvez-vous vérifier ?\n\nCordialement,\nMarie Dubois", "Pouvez-vous vérifier ?"],
    ["Viele Grüße", "Wie ändere ich meine Adresse?\n\nViele Grüße\nJonas", "Wie ändere ich meine Adresse?"],
    ["Mit freundlichen Grüßen", "Bitte kündigen.\n\nMit freundlichen Grüßen\nJonas Weber\nEinkauf", "Bitte kündigen."],
    ["Saludos", "¿Puedo cambiar mi plan?\n\nSaludos,\nLucía", "¿Puedo cambiar mi plan?"],
  ])("removes %s", (_name, text, expected) => {
    expect(stripSignature(text)).toEqual({ text: expected, removed: true });
  });

  it.each([
    ["a sign-off followed by a question", "Thanks,\nCould you also check order 1043?"],
    ["a bare closing thanks", "Can you resend the invoice?\n\nThanks!"],
    ["a sign-off followed by too many lines", "Question?\n\nThanks,\nSam\nline 2\nline 3\nline 4\nline 5"],
    ["thanks that starts a sentence", "Thanks for the help yesterday.\nOne more thing: the export fails."],
    ["'Thanks, that worked' is not a name", "Hello\n\nThanks, that worked!"],
    [
      "a sentence that begins like a footer",
      "Hi,\nSent from the warehouse on Monday, the parcel never arrived.\nPlease check.",
    ],
    ["plain text", "Hello,\nmy password reset email never arrives."],
  ])("keeps %s", (_name, text) => {
    expect(stripSignature(text)).toEqual({ text, removed: false });
  });
});

describe("cleanSubject", () => {
  it.each([
    ["Re: Billing email", "Billing email"],
    ["RE: FW: Order 1042", "Order 1042"],
    ["Fwd: Invoice", "Invoice"],
    ["AW: WG: Rechnung", "Rechnung"],
    ["TR : Remboursement", "Remboursement"],
    ["Re[2]: Login", "Login"],
    ["Refund request", "Refund request"],
    ["  ", ""],
    [null, ""],
  ])("%j → %j", (subject, expected) => {
    expect(cleanSubject(subject)).toBe(expected);
  });
});
