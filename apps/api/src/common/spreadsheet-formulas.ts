/**
 * A cell that starts like a formula (=, +, -, @, tab or CR) is turned into
 * text, so that a name such as =HYPERLINK(…) typed into a roster or a school's
 * name never runs in the spreadsheet of whoever opens an export or a report.
 */
export function neutralizeFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
