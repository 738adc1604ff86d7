/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped", after
 * jest's own summary, so a CI reader that does not know jest's format can
 * still count the results.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}

module.exports = SummaryReporter;
