import type { ImportResult } from '@sferum/contracts';

/** Why a chosen file is not sent at all, as a key under `importList`; null when it may go. */
export function acceptsListFile(file: { name: string; size: number }, maxBytes: number): 'tooBig' | 'wrongType' | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'wrongType';
  if (file.size > maxBytes) return 'tooBig';
  return null;
}

/** A file already loaded: nobody to add or update. */
export function importChangesNothing(result: ImportResult): boolean {
  return (
    result.errors.length === 0 &&
    result.students.create + result.students.update + result.parents.create + result.parents.update === 0
  );
}
