/** A date as the dashboard shows it ("26 нояб. 2026 г."), or null for none. */
export function formatDate(locale: string, iso: string | null): string | null {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : null;
}
