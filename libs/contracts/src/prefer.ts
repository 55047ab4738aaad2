/**
 * The RFC 7240 preference the API honours on a parent's change. A client that
 * does not read the answer's body (the web's parent forms, which redirect to
 * the page) sends `Prefer: return=minimal`; the API then answers 204 without
 * the family and says so in `Preference-Applied: return=minimal`.
 */
export const PREFER_HEADER = 'prefer';
export const PREFERENCE_APPLIED_HEADER = 'preference-applied';
export const RETURN_MINIMAL = 'return=minimal';
