import { describe, expect, it } from "vitest";
import { noun, plural } from "@/lib/format/plural";

describe("plural", () => {
  it("agrees the noun with the count", () => {
    expect(plural(1, "delivery", "deliveries")).toBe("1 delivery");
    expect(plural(0, "delivery", "deliveries")).toBe("0 deliveries");
    expect(plural(2, "delivery", "deliveries")).toBe("2 deliveries");
    expect(plural(1, "case")).toBe("1 case");
    expect(plural(3, "case")).toBe("3 cases");
  });

  it("groups large counts as the rest of the app does", () => {
    expect(plural(1204, "session")).toBe("1,204 sessions");
  });

  it("gives the noun alone for a count shown apart", () => {
    expect(noun(1, "handoff")).toBe("handoff");
    expect(noun(0, "handoff")).toBe("handoffs");
    expect(noun(5, "person", "people")).toBe("people");
  });
});
