/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/common", "<rootDir>/runner", "<rootDir>/graders", "<rootDir>/test"],
  testTimeout: 600000,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: { warnOnly: false, ignoreCodes: [151002] } }] },
};
