import { render, type SpreadsheetFormat } from '../../common/spreadsheet';
import { TEMPLATE_CLASS_HEADER, TEMPLATE_HEADERS } from './import-columns';

/** Who fills the template in: a class teacher for a class, a secretary for the whole school (with a «Класс» column first). */
export type TemplateScope = 'class' | 'school';

const EXAMPLE = ['Иванов Пётр', '', 'Иванова Мария Петровна', '+7 900 000-00-00', 'Иванов Сергей Николаевич', ''];

/** The file teachers fill in: the headers the import reads, and one example row to overwrite. */
export function importTemplate(format: SpreadsheetFormat, scope: TemplateScope = 'class'): Promise<Buffer> {
  const headers = TEMPLATE_HEADERS.map((column) => column.header);
  return render(
    scope === 'school'
      ? { name: 'Список школы', headers: [TEMPLATE_CLASS_HEADER, ...headers], rows: [['5А', ...EXAMPLE]] }
      : { name: 'Список класса', headers, rows: [EXAMPLE] },
    format,
  );
}
