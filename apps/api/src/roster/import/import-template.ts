import { render, type SpreadsheetFormat } from '../export/spreadsheet';
import { TEMPLATE_HEADERS } from './import-columns';

/** The file teachers fill in: the headers the import reads, and one example row to overwrite. */
export function importTemplate(format: SpreadsheetFormat): Promise<Buffer> {
  return render(
    {
      name: 'Список класса',
      headers: TEMPLATE_HEADERS.map((column) => column.header),
      rows: [['Иванов Пётр', '', 'Иванова Мария Петровна', '+7 900 000-00-00', 'Иванов Сергей Николаевич', '']],
    },
    format,
  );
}
