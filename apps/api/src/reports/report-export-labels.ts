import type { OverallStatus } from '@sferum/contracts';

/** The languages of the dashboard, and so of the report's XLSX. */
export const REPORT_LOCALES = ['ru', 'en'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

export interface ReportExportLabels {
  sheet: string;
  districtFile: string;
  schoolFile: string;
  school: string;
  class: string;
  path: string;
  classes: string;
  students: string;
  parents: string;
  progress: string;
  parentsProgress: string;
  /** «Ученики: не пользуются Сферумом»: the status reads on after the colon, in lower case. */
  studentsStatus: (status: OverallStatus) => string;
  parentsStatus: (status: OverallStatus) => string;
  studentsStep: (step: string) => string;
  parentsStep: (step: string) => string;
  /** a step's title with its path's name, when the sheet has several paths */
  stepOfPath: (step: string, path: string) => string;
  studentsClassChat: string;
  parentsClassChat: string;
  total: string;
  /** the line under the table: when the figures were counted, Moscow time */
  asOf: (when: string) => string;
}

const RU_STATUSES: Record<OverallStatus, string> = {
  connected: 'подключены',
  inProgress: 'в процессе',
  blocked: 'что-то мешает',
  notStarted: 'не начали',
  optedOut: 'не пользуются Сферумом',
};

const EN_STATUSES: Record<OverallStatus, string> = {
  connected: 'connected',
  inProgress: 'in progress',
  blocked: 'something in the way',
  notStarted: 'not started',
  optedOut: 'do not use Sferum',
};

export const REPORT_EXPORT_LABELS: Record<ReportLocale, ReportExportLabels> = {
  ru: {
    sheet: 'Прогресс',
    districtFile: 'Отчёт по району',
    schoolFile: 'Отчёт по школе',
    school: 'Школа',
    class: 'Класс',
    path: 'Путь подключения',
    classes: 'Классов',
    students: 'Учеников',
    parents: 'Родителей',
    progress: 'Прогресс',
    parentsProgress: 'Родители подключены',
    studentsStatus: (status) => `Ученики: ${RU_STATUSES[status]}`,
    parentsStatus: (status) => `Родители: ${RU_STATUSES[status]}`,
    studentsStep: (step) => `Ученики: ${step}`,
    parentsStep: (step) => `Родители: ${step}`,
    stepOfPath: (step, path) => `${step} (${path})`,
    studentsClassChat: 'Ученики в чате класса',
    parentsClassChat: 'Родители в чате класса',
    total: 'Итого',
    asOf: (when) => `По состоянию на ${when} по московскому времени`,
  },
  en: {
    sheet: 'Progress',
    districtFile: 'District report',
    schoolFile: 'School report',
    school: 'School',
    class: 'Class',
    path: 'Onboarding path',
    classes: 'Classes',
    students: 'Students',
    parents: 'Parents',
    progress: 'Progress',
    parentsProgress: 'Parents connected',
    studentsStatus: (status) => `Students: ${EN_STATUSES[status]}`,
    parentsStatus: (status) => `Parents: ${EN_STATUSES[status]}`,
    studentsStep: (step) => `Students: ${step}`,
    parentsStep: (step) => `Parents: ${step}`,
    stepOfPath: (step, path) => `${step} (${path})`,
    studentsClassChat: 'Students in the class chat',
    parentsClassChat: 'Parents in the class chat',
    total: 'Total',
    asOf: (when) => `As of ${when}, Moscow time`,
  },
};
