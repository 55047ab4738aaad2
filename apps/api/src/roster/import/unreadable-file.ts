/**
 * What the upload turned out to be when it is no class list this API reads:
 * Excel 97–2003 (.xls, or an .xlsx protected by a password: both are OLE2
 * containers), LibreOffice's .ods, an HTML or XML table saved under a
 * spreadsheet's name, or anything else.
 */
export type UnreadableKind = 'xls' | 'ods' | 'markup' | 'other';

/** The upload is not a class list this API can read: the import answers `unreadable_file`. */
export class UnreadableFile extends Error {
  constructor(
    message: string,
    readonly kind: UnreadableKind = 'other',
  ) {
    super(message);
  }
}
