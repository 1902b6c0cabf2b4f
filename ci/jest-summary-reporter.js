/**
 * Records jest's counts as one plain line, "N passed, N failed", which is
 * what CI reads. With LABGRADE_SUMMARY_FILE set it writes the line there, so
 * that .ci/run can print it last, after jest's own summary.
 */
const fs = require("node:fs");

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed\n`;
    if (process.env.LABGRADE_SUMMARY_FILE) fs.writeFileSync(process.env.LABGRADE_SUMMARY_FILE, line);
    else process.stdout.write(`\n${line}`);
  }
}

module.exports = SummaryReporter;
