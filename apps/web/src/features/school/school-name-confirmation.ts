/**
 * Before a school's data is erased, its admin types the school's name. The
 * API checks the same; spaces around the typed name do not count.
 */
export function confirmsSchoolName(typed: string, schoolName: string): boolean {
  return typed.trim() === schoolName;
}

/** Said while typing: what is typed so far can no longer become the name. */
export function mistypesSchoolName(typed: string, schoolName: string): boolean {
  const sofar = typed.trimStart();
  return sofar !== '' && !confirmsSchoolName(typed, schoolName) && !schoolName.startsWith(sofar);
}
