import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText, removeQuoteContainers, removeSignatureContainers } from "@/lib/channels/html";

describe("htmlToText", () => {
  it("turns block elements into lines and paragraphs into blank-line breaks", () => {
    expect(htmlToText("<p>Hello,</p><p>Can I change my plan?</p>")).toBe("Hello,\n\nCan I change my plan?");
    expect(htmlToText("<div>one</div><div>two</div><div><br></div><div>three</div>")).toBe("one\ntwo\n\nthree");
    expect(htmlToText("line one<br>line two<br/>line three")).toBe("line one\nline two\nline three");
    expect(htmlToText("<h1>Order</h1><p>Shipped</p>")).toBe("Order\n\nShipped");
  });

  it("collapses source whitespace like a browser", () => {
    expect(htmlToText("<div>\n  Hello\n    world  \n</div>\n<div>  again </div>")).toBe("Hello world\nagain");
  });

  it("keeps whitespace inside <pre>", () => {
    expect(htmlToText("<p>Log:</p><pre>Error 500\n  at export()</pre>")).toBe("Log:\n\nError 500\n  at export()");
  });

  it("writes list items with '- ' and indents nested lists", () => {
    expect(
      htmlToText("<p>Steps:</p><ul><li>Open settings</li><li>Billing<ul><li>Change email</li></ul></li></ul>"),
    ).toBe("Steps:\n\n- Open settings\n- Billing\n  - Change email");
    expect(htmlToText("<ol><li>first</li><li>second</li></ol>")).toBe("- first\n- second");
  });

  it("writes links as 'text (url)' only when the text is not the address", () => {
    expect(htmlToText('See <a href="https://acme.example/orders/1042">my order</a>.')).toBe(
      "See my order (https://acme.example/orders/1042).",
    );
    expect(htmlToText('<a href="https://www.acme.example/">acme.example</a>')).toBe("acme.example");
    expect(htmlToText('<a href="mailto:sam@customer.example">sam@customer.example</a>')).toBe("sam@customer.example");
    expect(htmlToText("<a href='tel:+14155550123'>+1 415 555 0123</a>")).toBe("+1 415 555 0123 (tel:+14155550123)");
    expect(htmlToText('<a href="#top">Back to top</a>')).toBe("Back to top");
    expect(htmlToText('<a href="https://customer.example"><img src="logo.png" alt="Customer Co"></a>')).toBe("");
  });

  it("decodes named, decimal and hex entities, Windows-1252 ones too", () => {
    expect(htmlToText("<p>Caf&eacute; &amp; cr&#232;me &#x1F600; &lt;b&gt; &quot;ok&quot; &#39;x&#39;</p>")).toBe(
      "Café & crème 😀 <b> \"ok\" 'x'",
    );
    expect(decodeEntities("It&#146;s &#150; 10&#128; &hellip;")).toBe("It’s – 10€ …");
    expect(decodeEntities("&unknown; &#xD800; &#99999999;")).toBe("&unknown; &#xD800; &#99999999;");
    expect(htmlToText("a&nbsp;&nbsp;b")).toBe("a  b");
  });

  it("drops scripts, styles, the head and comments, including Outlook's conditional ones", () => {
    const html =
      "<html><head><title>x</title><style>p{margin:0}</style></head><body><!--[if gte mso 9]><xml><o:x/></xml><![endif]--><script>alert(1)</script><p>Body</p></body></html>";
    expect(htmlToText(html)).toBe("Body");
  });

  it("separates table cells and keeps emoji drawn as images", () => {
    expect(htmlToText("<table><tr><td>Order</td><td>1042</td></tr><tr><td>Total</td><td>$40</td></tr></table>")).toBe(
      "Order 1042\nTotal $40",
    );
    expect(htmlToText('Great <img data-emoji="👍" alt="👍" src="x.png"> thanks')).toBe("Great 👍 thanks");
  });

  it("leaves a stray '<' and quoted '>' in attributes alone", () => {
    expect(htmlToText("<p>if a < b then</p>")).toBe("if a < b then");
    expect(htmlToText('<div title="a > b">text</div>')).toBe("text");
  });
});

describe("removeQuoteContainers", () => {
  it("removes nested blockquotes whole", () => {
    const html =
      "<p>New</p><blockquote><p>old</p><blockquote>older</blockquote><p>old again</p></blockquote><p>After</p>";
    const result = removeQuoteContainers(html);
    expect(htmlToText(result.html)).toBe("New\n\nAfter");
    expect(result.removed).toBe(true);
  });

  it("removes an unclosed blockquote to the end", () => {
    expect(htmlToText(removeQuoteContainers("<p>New</p><blockquote><p>old").html)).toBe("New");
  });

  it("handles a long thread of nested quotes", () => {
    const quote = (depth: number): string =>
      depth === 0
        ? ""
        : `<div>On Mon ${depth} wrote:</div><blockquote type="cite"><div>Reply ${depth}</div>${quote(depth - 1)}</blockquote>`;
    const result = removeQuoteContainers(`<div>Newest reply</div>${quote(40)}`);
    expect(htmlToText(result.html)).toBe("Newest reply\nOn Mon 40 wrote:");
  });

  it("keeps an Apple Mail forward", () => {
    const html =
      '<div>FYI, this is the charge I do not recognise.</div><div><br><blockquote type="cite"><div>Begin forwarded message:</div><div><b>From:</b> Bank</div><div>Charge: $99.00</div></blockquote></div>';
    expect(removeQuoteContainers(html).removed).toBe(false);
    expect(htmlToText(removeQuoteContainers(html).html)).toContain("Charge: $99.00");
  });

  it("keeps a forward whose marker comes just before the quote", () => {
    const html =
      "<div>See below</div><div>Begin forwarded message:</div><blockquote><div>Charge: $99.00</div></blockquote>";
    expect(removeQuoteContainers(html).removed).toBe(false);
  });

  it("says nothing was removed when there was no quote", () => {
    expect(removeQuoteContainers("<p>Only new text</p>")).toEqual({ html: "<p>Only new text</p>", removed: false });
  });
});

describe("removeSignatureContainers", () => {
  it("removes Gmail's, Outlook's and Thunderbird's marked signatures", () => {
    const html =
      '<div>Question?</div><span class="gmail_signature_prefix">-- </span><div class="gmail_signature">Sam</div><div id="Signature">Sam Lee</div><div class="moz-signature">Sam</div>';
    const result = removeSignatureContainers(html);
    expect(htmlToText(result.html)).toBe("Question?");
    expect(result.removed).toBe(true);
  });

  it("leaves other elements alone", () => {
    expect(removeSignatureContainers('<div class="signature-pad">Sign here</div>')).toEqual({
      html: '<div class="signature-pad">Sign here</div>',
      removed: false,
    });
  });
});
