import { describe, expect, it } from "vitest";
import { splitServerMessage } from "@/components/actions/form-state";

// The API joins its problems with "; " (lib/api/errors.ts); the form shows each field's under that field.
describe("splitServerMessage", () => {
  it("keeps two problems with one field apart", () => {
    const { fields, rest } = splitServerMessage(
      "urlTemplate: uses {order}, which is not a parameter: add it to the parameters' properties; urlTemplate: has a { or } that is not a {placeholder}",
    );
    expect(fields.urlTemplate).toBe(
      "uses {order}, which is not a parameter: add it to the parameters' properties; has a { or } that is not a {placeholder}",
    );
    expect(rest).toBeNull();
  });

  it("puts each field's problem under it and keeps the rest for the form", () => {
    const { fields, rest } = splitServerMessage(
      "name: must be snake_case; parameters.required: must be a list of property names; input: too many actions",
    );
    expect(fields).toEqual({ name: "must be snake_case", parameters: "required: must be a list of property names" });
    expect(rest).toBe("input: too many actions");
  });
});
