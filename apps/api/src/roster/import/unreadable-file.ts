/** The upload is not a class list this API can read: the import answers `unreadable_file`. */
export class UnreadableFile extends Error {}
