import { SESSION_COOKIE, type ProgressReport } from '@sferum/contracts';
import { getTranslations } from 'next-intl/server';
import type { NextRequest } from 'next/server';
import { loginHref } from '../../auth/safe-next';
import { getPathname } from '../../i18n/navigation';
import { isAppLocale, routing, type AppLocale } from '../../i18n/routing';
import { apiUrl } from '../../server/api-url';
import { reportWorkbook, type ExportLabels, type ExportRow } from './export-workbook';
import type { OverallStatus } from '@sferum/contracts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Today in Moscow, where the reports' days are counted. */
function moscowToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
}

export function exportLocale(raw: string): AppLocale {
  return isAppLocale(raw) ? raw : routing.defaultLocale;
}

async function exportLabels(
  locale: AppLocale,
  file: 'district' | 'school',
): Promise<ExportLabels & { districtFile: string; schoolFile: string }> {
  const t = await getTranslations({ locale, namespace: 'reports' });
  // «Ученики: не пользуются Сферумом»: the status reads on after the colon.
  const status = (value: OverallStatus) => {
    const label = t(`totals.statuses.${value}`);
    return label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
  };
  return {
    locale,
    sheet: t('export.sheet'),
    name: file === 'district' ? t('table.school') : t('table.class'),
    path: t('export.path'),
    classes: t('export.classes'),
    students: t('export.students'),
    parents: t('export.parents'),
    progress: t('table.progress'),
    parentsProgress: t('export.parentsProgress'),
    studentsStatus: (value) => t('export.studentsStatus', { status: status(value) }),
    parentsStatus: (value) => t('export.parentsStatus', { status: status(value) }),
    studentsStep: (step) => t('export.studentsStep', { step }),
    parentsStep: (step) => t('export.parentsStep', { step }),
    stepOfPath: (step, path) => t('export.stepOfPath', { step, path }),
    studentsClassChat: t('export.studentsClassChat'),
    parentsClassChat: t('export.parentsClassChat'),
    total: t('export.total'),
    districtFile: t('export.districtFile'),
    schoolFile: t('export.schoolFile'),
  };
}

/**
 * Fetches a report from the API with the visitor's own session and answers
 * with it as an XLSX download: the spreadsheet library stays on the server.
 * No session sends the visitor to sign in and back to `pagePath`.
 */
export async function reportExport<R>({
  request,
  locale,
  apiPath,
  pagePath,
  parse,
  toTable,
  file,
}: {
  request: NextRequest;
  locale: AppLocale;
  apiPath: string;
  pagePath: string;
  parse: (value: unknown) => R;
  toTable: (report: R) => { rows: ExportRow[]; total: ProgressReport; title: string };
  file: 'district' | 'school';
}): Promise<Response> {
  const session = request.cookies.get(SESSION_COOKIE)?.value;
  const upstream = session
    ? await fetch(apiUrl(apiPath), {
        headers: { cookie: `${SESSION_COOKIE}=${session}`, accept: 'application/json' },
        cache: 'no-store',
      })
    : null;
  if (!upstream || upstream.status === 401) {
    const login = getPathname({ href: loginHref(getPathname({ href: pagePath, locale })), locale });
    return new Response(null, { status: 303, headers: { location: login } });
  }
  if (!upstream.ok) return new Response(null, { status: upstream.status });

  const labels = await exportLabels(locale, file);
  const { rows, total, title } = toTable(parse(await upstream.json()));
  const body = await reportWorkbook(rows, total, labels);
  const name = `${file === 'district' ? labels.districtFile : labels.schoolFile} ${title} ${moscowToday()}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="report-${moscowToday()}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
    },
  });
}
