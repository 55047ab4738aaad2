/**
 * Whether a `Prefer` header (RFC 7240) asks for `return=minimal`.
 * Preferences are separated by commas (several headers arrive joined by
 * them), their names are case-insensitive, a value may be quoted and be
 * followed by parameters after `;`; of several `return` preferences the first
 * counts.
 */
export function prefersReturnMinimal(prefer: string | undefined): boolean {
  for (const preference of (prefer ?? '').split(',')) {
    const [name = '', value = ''] = (preference.split(';')[0] ?? '').split('=').map((part) => part.trim());
    if (name.toLowerCase() === 'return') return value.replace(/^"(.*)"$/, '$1').toLowerCase() === 'minimal';
  }
  return false;
}
