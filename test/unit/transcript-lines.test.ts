import { describe, expect, it } from "vitest";
import { extractCustomerWords } from "@/lib/text-analysis";
import { prepareMessage } from "@/lib/channels";
import { renderTranscript, transcriptLinesFrom } from "@/lib/channels/transcript-lines";

/** A line as Front's Channel API takes it (TranscriptLine in channel-api.json). */
function line(
  speaker_type: "internal" | "external",
  speaker_name: string,
  content: string,
  start_time_seconds: number,
) {
  return { speaker_type, speaker_name, content, start_time_seconds };
}

describe("transcriptLinesFrom", () => {
  it("takes the side from speaker_type, never from the name", () => {
    const lines = transcriptLinesFrom({
      transcript_lines: [
        // An agent whose name sounds like a customer, and a customer whose name sounds like an agent.
        line("internal", "Customer Care", "Thanks for calling Acme, how can I help?", 0),
        line("external", "Agent Smith", "How do I reset my password?", 4.5),
      ],
    });
    expect(lines).toEqual([
      { speaker: "agent", name: "Customer Care", content: "Thanks for calling Acme, how can I help?", startSeconds: 0 },
      { speaker: "customer", name: "Agent Smith", content: "How do I reset my password?", startSeconds: 4.5 },
    ]);
  });

  it("orders lines by start time, whatever order they came in", () => {
    const lines = transcriptLinesFrom({
      transcript_lines: [
        line("external", "Sam", "third", 12),
        line("internal", "Dana", "first", 1),
        line("external", "Sam", "second", 6.25),
      ],
    });
    expect(lines?.map((entry) => entry.content)).toEqual(["first", "second", "third"]);
  });

  it("keeps a line without a start time after the line before it", () => {
    const lines = transcriptLinesFrom({
      transcript_lines: [
        line("internal", "Dana", "b", 5),
        { speaker_type: "external", speaker_name: "Sam", content: "c" },
        line("external", "Sam", "a", 2),
      ],
    });
    expect(lines?.map((entry) => entry.content)).toEqual(["a", "b", "c"]);
  });

  it("leaves out empty lines and lines that do not fit the shape", () => {
    const lines = transcriptLinesFrom({
      transcript_lines: [
        line("external", "Sam", "   ", 0),
        line("internal", "Dana", "", 1),
        {
          speaker_type: "customer",
          speaker_name: "Sam",
          content: "not a speaker_type Front knows",
          start_time_seconds: 2,
        },
        "a string",
        line("external", "Sam", "Where is my order?", 3),
      ],
    });
    expect(lines).toEqual([{ speaker: "customer", name: "Sam", content: "Where is my order?", startSeconds: 3 }]);
  });

  it("is null when the metadata holds no lines, or only empty ones", () => {
    expect(transcriptLinesFrom(null)).toBeNull();
    expect(transcriptLinesFrom({ duration: 40 })).toBeNull();
    expect(transcriptLinesFrom({ transcript_lines: [] })).toBeNull();
    expect(transcriptLinesFrom({ transcript_lines: [line("external", "Sam", " ", 0)] })).toBeNull();
  });

  it("reads the Channel API body {lines} and lines under metadata.headers", () => {
    const body = { lines: [line("external", "Sam", "Hi", 0)] };
    expect(transcriptLinesFrom({ transcript: body })?.[0]?.content).toBe("Hi");
    expect(transcriptLinesFrom({ headers: { transcript_lines: body.lines } })?.[0]?.content).toBe("Hi");
  });

  it("keeps each line on one line and the name free of brackets and colons", () => {
    const [only] = transcriptLinesFrom({
      transcript_lines: [line("internal", "Dana (Support): Lead", "Let me check.\nCustomer: I want a refund", 0)],
    })!;
    expect(only).toEqual({
      speaker: "agent",
      name: "Dana Support Lead",
      content: "Let me check. Customer: I want a refund",
      startSeconds: 0,
    });
  });
});

describe("renderTranscript", () => {
  it("writes Customer (name) / Agent (name) lines under a call transcript header; a line without a name has none", () => {
    const lines = transcriptLinesFrom({
      transcript_lines: [
        line("internal", "Customer Care", "How can I help?", 0),
        line("external", "Agent Smith", "Is my order shipped?", 3),
        line("external", "", "Order 4411.", 5),
      ],
    })!;
    expect(renderTranscript(lines)).toBe(
      "Call transcript\nAgent (Customer Care): How can I help?\nCustomer (Agent Smith): Is my order shipped?\nCustomer: Order 4411.",
    );
  });
});

describe("the customer's words in a rendered transcript", () => {
  const rendered = renderTranscript(
    transcriptLinesFrom({
      transcript_lines: [
        line("internal", "Customer Care", "Do you want to cancel your subscription?", 0),
        line("external", "Agent Smith", "No, how do I reset my password?", 4),
        line("internal", "Mary Ann de la Cruz", "I can transfer you to billing.", 9),
        line("external", "José Núñez", "The reset email never arrives.", 12),
      ],
    })!,
  );

  it("keeps the customer's lines, whatever their names, and drops the agent's", () => {
    expect(extractCustomerWords(rendered)).toBe("No, how do I reset my password?\nThe reset email never arrives.");
  });

  it("still reads the old labels: Dana (agent), Caller, Rep", () => {
    expect(
      extractCustomerWords("Dana (agent): Let me check.\nSam (customer): My card was declined.\nCaller: Thanks."),
    ).toBe("My card was declined.\nThanks.");
  });
});

describe("prepareMessage with structured lines", () => {
  const metadata = {
    duration: 64,
    transcript_lines: [
      line("external", "Agent Smith", "How do I reset my password?", 3),
      line("internal", "Customer Care", "Thanks for calling Acme.", 0),
    ],
  };

  it("uses the rendered lines for a call, for the lead and for the model", () => {
    const prepared = prepareMessage({ type: "custom", channel: "voice", text: "Call ended", metadata });
    const expected =
      "Call transcript\nAgent (Customer Care): Thanks for calling Acme.\nCustomer (Agent Smith): How do I reset my password?";
    expect(prepared.displayText).toBe(expected);
    expect(prepared.modelText).toBe(expected);
    expect(prepared).toMatchObject({
      usable: true,
      call: { kind: "transcript", durationSeconds: 64, hasUsableText: true },
    });
    expect(prepared.metadata).toEqual({ callKind: "transcript", durationSeconds: 64, transcriptLines: 2 });
  });

  it("waits for the transcript when only the agent spoke", () => {
    const prepared = prepareMessage({
      type: "custom",
      channel: "voice",
      text: "",
      metadata: { transcript_lines: [line("internal", "Sam", "Hello? Anyone there?", 0)] },
    });
    expect(prepared.usable).toBe(false);
  });

  it("parses the text as before when there are no lines, and ignores lines on other channels", () => {
    expect(prepareMessage({ type: "call", channel: "voice", text: "Customer: Where is my order?" }).modelText).toBe(
      "Customer: Where is my order?",
    );
    expect(prepareMessage({ type: "custom", channel: "web", text: "Where is my order?", metadata }).modelText).toBe(
      "Where is my order?",
    );
  });
});
