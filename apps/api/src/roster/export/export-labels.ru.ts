import type { BlockerReason, ChatStatus, StepStatus } from '@sferum/contracts';

/** The words of the exported spreadsheets: they go to school administrations, in Russian. */
export const EXPORT_HEADERS = [
  'Класс',
  'Семья',
  'Кто',
  'ФИО',
  'VK ID',
  'Профиль Сферума',
  'Мессенджер',
  'Чат класса',
  'Общешкольный чат',
  'Чаты предметов',
  'Что мешает',
  'Заметка',
];

export const KIND_LABELS = { student: 'Ученик', parent: 'Родитель' } as const;

export const STATUS_LABELS: Record<StepStatus | ChatStatus, string> = {
  not_started: 'не начато',
  done: 'готово',
  blocked: 'не получается',
  not_joined: 'не вступил',
  joined: 'в чате',
};

export const REASON_LABELS: Record<BlockerReason, string> = {
  shared_phone: 'один номер телефона на двоих',
  forgot_password: 'забыт пароль',
  no_smartphone: 'нет смартфона',
  no_vk_page_wanted: 'не хочет страницу ВКонтакте',
  refuses_sferum: 'отказ от Сферума',
  other: 'другое',
};
