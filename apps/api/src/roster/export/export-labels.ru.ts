import type { ChatStatus, OnboardingPath, OptOutChannel, StepStatus } from '@sferum/contracts';

/** The words of the exported spreadsheets: they go to school administrations, in Russian. */
export function exportHeaders(path: OnboardingPath): string[] {
  return [
    'Класс',
    'Семья',
    'Кто',
    'ФИО',
    ...path.steps.map((step) => step.title.ru),
    'Чат класса',
    'Общешкольный чат',
    'Чаты предметов',
    'Не пользуется (как сообщать)',
    'Что мешает',
    'Заметка',
  ];
}

export const KIND_LABELS = { student: 'Ученик', parent: 'Родитель' } as const;

export const STATUS_LABELS: Record<StepStatus | ChatStatus, string> = {
  not_started: 'не начато',
  done: 'готово',
  blocked: 'не получается',
  not_joined: 'нет в чате',
  joined: 'в чате',
};

export const OPT_OUT_CHANNEL_LABELS: Record<OptOutChannel, string> = {
  e_diary: 'электронный дневник',
  paper: 'бумажный дневник и записки',
  phone: 'телефонные звонки',
  other: 'другое',
};
