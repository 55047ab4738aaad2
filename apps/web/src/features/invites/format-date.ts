/** A date as the dashboard shows it ("26 нояб. 2026 г."), or null for none. */
export function formatDate(locale: string, iso: string | null): string | null {
  return iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso)) : null;
}

/** The calendar day (YYYY-MM-DD) of `date` where the browser is, as a class's deadline is written. */
export function localDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
