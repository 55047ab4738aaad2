import type { OnboardingPath } from '@sferum/contracts';
import type { AppLocale } from '../../i18n/routing';

/** One numbered item of a letter: what to do, for the parent, with where to do it. */
export interface LetterStep {
  id: string;
  title: string;
  text: string;
  links: Array<{ label: string; address: string }>;
  /** the school's own note for this step */
  note: string | null;
}

/** An address as a parent types it from paper: no scheme, no trailing slash (`https://web.max.ru/` → `web.max.ru`). */
export function printableUrl(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/**
 * The steps of the school's path as a letter lists them: each step's title and
 * the parent's how-to, its links and the school's note; then joining the chats.
 */
export function letterSteps(
  path: OnboardingPath,
  locale: AppLocale,
  stepNotes: Record<string, string>,
  chatsTitle: string,
): LetterStep[] {
  return [
    ...path.steps.map((step) => ({
      id: step.id,
      title: step.title[locale],
      text: step.howTo.parent[locale],
      links: step.links.map((link) => ({ label: link.label[locale], address: printableUrl(link.url) })),
      note: stepNotes[step.id]?.trim() || null,
    })),
    { id: 'chats', title: chatsTitle, text: path.chats.howTo.parent[locale], links: [], note: null },
  ];
}
