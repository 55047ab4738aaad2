const PLURAL_RULES = new Intl.PluralRules('ru');

/** The three forms of a Russian noun after a number: 1 строка, 2 строки, 5 строк. */
export interface PluralForms {
  one: string;
  few: string;
  many: string;
}

/** The form Russian grammar wants after `count`: строка, строки or строк; пропущена, пропущены or пропущено. */
export function pluralForm(count: number, forms: PluralForms): string {
  switch (PLURAL_RULES.select(count)) {
    case 'one':
      return forms.one;
    case 'many':
      return forms.many;
    default:
      // 'few', and fractions ("1,5 строки"), which counts never are.
      return forms.few;
  }
}

/** "3 ошибки": the number and the form after it. */
export function plural(count: number, forms: PluralForms): string {
  return `${count} ${pluralForm(count, forms)}`;
}

export const ROWS: PluralForms = { one: 'строка', few: 'строки', many: 'строк' };
export const ERRORS: PluralForms = { one: 'ошибка', few: 'ошибки', many: 'ошибок' };
/** After «из»: из 21 ученика, из 30 учеников. */
export const OF_STUDENTS: PluralForms = { one: 'ученика', few: 'учеников', many: 'учеников' };
/** After «из»: из 21 ячейки, из 3 ячеек. */
export const OF_CELLS: PluralForms = { one: 'ячейки', few: 'ячеек', many: 'ячеек' };
/** Agreeing with a number of rows: 1 строка пропущена, 2 строки пропущены, 5 строк пропущено. */
export const LEFT_OUT: PluralForms = { one: 'пропущена', few: 'пропущены', many: 'пропущено' };

/** "строки 3, 5, 7 и ещё 12": row numbers for a message, the long lists cut. */
export function rowList(rows: number[], shown = 10): string {
  const head = rows.slice(0, shown).join(', ');
  return rows.length > shown ? `${head} и ещё ${rows.length - shown}` : head;
}
