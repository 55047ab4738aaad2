import { takeContractViolations } from './contract-check';

// A body that broke its route's contract fails the test that caused it, even where the test does not look at the status.
afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length > 0) throw new Error(`Responses that break their contract:\n${violations.join('\n')}`);
});
