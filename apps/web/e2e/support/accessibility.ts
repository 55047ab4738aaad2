import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rule sets of WCAG 2.0 and 2.1, levels A and AA (ГОСТ Р 52872-2019 follows WCAG 2.1). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per failing element: the rule, its impact, where, and axe's own summary of what is wrong. */
function describe(violation: {
  id: string;
  impact?: string | null;
  nodes: { target: unknown; failureSummary?: string }[];
}) {
  return violation.nodes.map(
    (node) =>
      `${violation.id} (${violation.impact ?? 'unknown'}) at ${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`,
  );
}

/**
 * Runs axe-core on the page as it is now (open menus, modals and drawers included) and fails on any
 * violation of impact serious or critical, naming the place so the failure says which state broke.
 */
export async function expectAccessible(page: Page, where: string, options: { soft?: boolean } = {}): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  // Soft: a test that walks many pages reports every page's violations, not only the first page's.
  (options.soft ? expect.soft : expect)(blocking.flatMap(describe), `axe-core on ${where}`).toEqual([]);
}
