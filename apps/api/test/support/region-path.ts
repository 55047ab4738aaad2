import type { OnboardingPath } from '@sferum/contracts';

/** A region's own procedure, known only to the tests: no migration, no code outside the catalogue. */
export const REGION_PATH: OnboardingPath = {
  id: 'region_test',
  name: { ru: 'Региональный порядок (тест)', en: 'A region’s procedure (test)' },
  appName: { ru: 'MAX', en: 'MAX' },
  legacy: false,
  description: {
    ru: 'Госуслуги, затем школьный профиль, затем приложение.',
    en: 'Gosuslugi, then the school profile, then the app.',
  },
  steps: ['gosuslugi', 'region_profile', 'region_app'].map((id) => ({
    id,
    title: { ru: `Шаг ${id}`, en: `Step ${id}` },
    howTo: {
      student: { ru: 'Сделайте это так.', en: 'Do it this way.' },
      parent: { ru: 'Сделайте это так.', en: 'Do it this way.' },
    },
    hints: { student: [], parent: [] },
    links: [{ id: `${id}_site`, label: { ru: 'Сайт', en: 'Site' }, url: 'https://example.test/' }],
    blockers: id === 'gosuslugi' ? ['no_gosuslugi', 'other'] : ['other'],
  })),
  chats: {
    classChats: [{ kind: 'class', audience: 'all', title: { ru: 'Чат класса', en: 'Class chat' } }],
    subject: { kind: 'subject', audience: 'students', title: { ru: 'Чат предмета', en: 'Subject chat' } },
    school: { kind: 'school', audience: 'all', title: { ru: 'Чат школы', en: 'School chat' } },
    howTo: { student: { ru: 'Вступите.', en: 'Join.' }, parent: { ru: 'Вступите.', en: 'Join.' } },
    hints: { student: [], parent: [] },
    blockers: ['other'],
  },
  blockers: [
    {
      id: 'no_gosuslugi',
      label: { ru: 'Нет Госуслуг', en: 'No Gosuslugi' },
      parentAdvice: { ru: '…', en: '…' },
      teacherAdvice: { ru: '…', en: '…' },
    },
    {
      id: 'other',
      label: { ru: 'Другое', en: 'Other' },
      parentAdvice: { ru: '…', en: '…' },
      teacherAdvice: { ru: '…', en: '…' },
    },
  ],
  pitfalls: [],
  inviteHosts: ['example.test'],
};
