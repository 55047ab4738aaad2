/**
 * Pieces of the CHECK constraints several entities repeat, written as the
 * migrations wrote them: an entity states its table as the migrations left it,
 * so these are not derived from the contract's lists (a value added there needs
 * a migration first).
 */

/** The shape of a path, step or reason id of the catalogue (libs/contracts paths/catalogue.ts). */
export const CATALOGUE_ID_PATTERN = `'^[a-z][a-z0-9_]{0,39}$'`;

/** Who made a change (ProgressSource). */
export const CHANGE_SOURCES_SQL = `'teacher', 'parent_link', 'import', 'admin', 'member_list'`;

/** How an opted-out family hears from the school instead (OptOutChannel). */
export const OPT_OUT_CHANNELS_SQL = `'e_diary', 'paper', 'phone', 'other'`;
