import { codeList, didYouMean, didYouMeanSentence } from "./suggest";

describe("didYouMean", () => {
  const keys = ["check", "title", "points", "partial", "requires", "retry", "hidden", "feedback"];

  it.each([
    ["retyr", "retry"], // a swap of neighbours is one edit
    ["point", "points"],
    ["requires", undefined], // the word itself is no suggestion
    ["requirse", "requires"],
    ["Title", "title"],
  ])("suggests for %p: %p", (word, expected) => {
    expect(didYouMean(word, keys)).toBe(expected);
  });

  it("reads other spellings of a kebab-case key as the same word", () => {
    expect(didYouMean("grading_timeout", ["grading-timeout", "output"])).toBe("grading-timeout");
    expect(didYouMean("gradingTimeout", ["grading-timeout", "output"])).toBe("grading-timeout");
  });

  it("suggests nothing when no candidate is close", () => {
    expect(didYouMean("database", keys)).toBeUndefined();
    expect(didYouMean("x", [])).toBeUndefined();
  });

  it("words a suggestion as a sentence to append, or nothing", () => {
    expect(didYouMeanSentence("retyr", keys)).toBe(" Did you mean `retry`?");
    expect(didYouMeanSentence("zzzzzz", keys)).toBe("");
    expect(codeList(["a", "b"])).toBe("`a`, `b`");
  });
});
