import type { OnboardingPath } from './path-types';

/**
 * Sferum inside MAX, the national messenger: every region since the 2025–26
 * school year (see docs/domain.md, "Today: Sferum lives in MAX").
 */
export const MAX_PATH: OnboardingPath = {
  id: 'max',
  name: { ru: 'Сферум в MAX', en: 'Sferum in MAX' },
  appName: { ru: 'MAX', en: 'MAX' },
  legacy: false,
  description: {
    ru: 'Аккаунт в MAX по своему номеру, затем школьный профиль с ролью, которую подтверждает школа, затем чаты класса. Так подключаются с 2025/26 учебного года.',
    en: 'A MAX account on one’s own number, then the school profile with the role the school confirms, then the class chats. The way since the 2025/26 school year.',
  },
  steps: [
    {
      id: 'max_account',
      title: { ru: 'Аккаунт в MAX', en: 'A MAX account' },
      howTo: {
        student: {
          ru: 'Установите MAX на телефон ребёнка или откройте веб-версию и зарегистрируйтесь по номеру ребёнка.',
          en: 'Install MAX on the child’s phone or open the web version, and register with the child’s number.',
        },
        parent: {
          ru: 'Установите MAX на свой телефон или откройте веб-версию и зарегистрируйтесь по своему номеру, не по номеру ребёнка.',
          en: 'Install MAX on your phone or open the web version, and register with your own number, not the child’s.',
        },
      },
      hints: {
        student: [
          {
            ru: 'На один номер — один аккаунт MAX. У ребёнка и родителя номера должны быть разные.',
            en: 'One number holds one MAX account: the child and the parent need different numbers.',
          },
          { ru: 'MAX принимает российские и белорусские номера.', en: 'MAX takes Russian and Belarusian numbers.' },
        ],
        parent: [
          {
            ru: 'На один номер — один аккаунт MAX. Номер ребёнка для себя не используйте.',
            en: 'One number holds one MAX account: do not use the child’s number for yourself.',
          },
          { ru: 'MAX принимает российские и белорусские номера.', en: 'MAX takes Russian and Belarusian numbers.' },
          {
            ru: 'Нет смартфона — подойдёт веб-версия на компьютере.',
            en: 'No smartphone? The web version works on a computer.',
          },
        ],
      },
      links: [
        { id: 'max_app', label: { ru: 'Скачать MAX', en: 'Get MAX' }, url: 'https://max.ru/' },
        { id: 'max_web', label: { ru: 'Веб-версия MAX', en: 'MAX on the web' }, url: 'https://web.max.ru/' },
      ],
      blockers: ['shared_phone', 'foreign_number', 'old_phone', 'no_smartphone', 'account_locked', 'other'],
    },
    {
      id: 'school_profile',
      title: { ru: 'Школьный профиль в MAX', en: 'The school profile in MAX' },
      howTo: {
        student: {
          ru: 'В MAX откройте школьный профиль (Сферум) под тем номером, который записан в школе. Школа подтвердит, что ребёнок учится в этом классе.',
          en: 'In MAX, open the school profile (Sferum) with the number the school has on record. The school confirms the student of the class.',
        },
        parent: {
          ru: 'В MAX откройте школьный профиль (Сферум) под тем номером, который записан в школе. Школа подтвердит, что вы родитель.',
          en: 'In MAX, open the school profile (Sferum) with the number the school has on record. The school confirms you as the parent.',
        },
      },
      hints: {
        student: [
          {
            ru: 'Номер в MAX должен совпадать с номером в школе: по нему школа находит ребёнка.',
            en: 'The number in MAX must be the one the school has: that is how the school finds the student.',
          },
          {
            ru: 'У учеников по умолчанию безопасный режим: найти и написать им могут только контакты.',
            en: 'Students have a safe mode by default: only their contacts can find and message them.',
          },
        ],
        parent: [
          {
            ru: 'Номер в MAX должен совпадать с номером, который вы дали школе. Другой номер — сообщите классному руководителю.',
            en: 'The number in MAX must be the one you gave the school. A different one: tell the class teacher.',
          },
          {
            ru: 'Роль подтверждает школа. Пока роль не подтверждена, чатов класса не видно.',
            en: 'The school confirms the role. Until then the class chats do not show.',
          },
        ],
      },
      links: [{ id: 'sferum', label: { ru: 'Сайт Сферума', en: 'Sferum’s site' }, url: 'https://sferum.ru/' }],
      blockers: ['number_mismatch', 'role_not_confirmed', 'account_locked', 'other'],
    },
  ],
  chats: {
    classChats: [
      {
        kind: 'class',
        audience: 'parents',
        title: { ru: 'Чат класса с родителями', en: 'The class chat with parents' },
      },
      {
        kind: 'class',
        audience: 'students',
        title: { ru: 'Чат класса с учениками', en: 'The class chat with students' },
      },
    ],
    subject: { kind: 'subject', audience: 'students', title: { ru: 'Чат предмета', en: 'Subject chat' } },
    school: { kind: 'school', audience: 'all', title: { ru: 'Общешкольный чат', en: 'School chat' } },
    howTo: {
      student: {
        ru: 'Когда школа подтвердит роль, чаты класса, предметов и школы появятся в MAX сами. Нет чата — откройте приглашение от учителя на телефоне ребёнка.',
        en: 'Once the school confirms the role, the class, subject and school chats appear in MAX. A chat missing: open the teacher’s invitation on the child’s phone.',
      },
      parent: {
        ru: 'Когда школа подтвердит роль, чат класса с родителями появится в MAX сам. Нет чата — откройте приглашение от учителя на своём телефоне.',
        en: 'Once the school confirms the role, the class chat with parents appears in MAX. A chat missing: open the teacher’s invitation on your own phone.',
      },
    },
    hints: {
      student: [
        {
          ru: 'Чаты заполняются по роли: ребёнок видит чаты своего класса.',
          en: 'Chats are filled by role: a student sees the chats of their class.',
        },
      ],
      parent: [
        {
          ru: 'Чаты заполняются по роли: родитель видит чат класса своего ребёнка.',
          en: 'Chats are filled by role: a parent sees the class chat of their child.',
        },
      ],
    },
    blockers: ['chat_missing', 'role_not_confirmed', 'other'],
  },
  blockers: [
    {
      id: 'shared_phone',
      label: { ru: 'Один номер на двоих', en: 'One number for two people' },
      parentAdvice: {
        ru: 'На один номер можно завести только один аккаунт MAX. Второму человеку нужен свой номер.',
        en: 'One number holds one MAX account. The second person needs a number of their own.',
      },
      teacherAdvice: {
        ru: 'Попросите семью назвать другой номер для одного из двоих и запишите его в школе.',
        en: 'Ask the family for another number for one of the two and record it at school.',
      },
    },
    {
      id: 'foreign_number',
      label: { ru: 'Номер не российский', en: 'A non-Russian number' },
      parentAdvice: {
        ru: 'MAX регистрирует российские и белорусские номера. Скажите классному руководителю, какой номер можно использовать.',
        en: 'MAX registers Russian and Belarusian numbers. Tell the class teacher which number can be used.',
      },
      teacherAdvice: {
        ru: 'Договоритесь о российском номере или сообщайте семье новости другим способом.',
        en: 'Agree on a Russian number, or keep the family informed another way.',
      },
    },
    {
      id: 'number_mismatch',
      label: { ru: 'Номер в MAX не тот, что в школе', en: 'The number in MAX differs from the school’s' },
      parentAdvice: {
        ru: 'Сообщите классному руководителю номер, на который зарегистрирован MAX.',
        en: 'Tell the class teacher the number MAX is registered with.',
      },
      teacherAdvice: {
        ru: 'Исправьте номер в Сферуме (через администратора Сферума) на номер из MAX и подтвердите роль.',
        en: 'Have the number in Sferum changed to the one in MAX (through the Sferum administrator) and confirm the role.',
      },
    },
    {
      id: 'role_not_confirmed',
      label: { ru: 'Школа ещё не подтвердила роль', en: 'The school has not confirmed the role yet' },
      parentAdvice: {
        ru: 'Подождите подтверждения. Если прошло больше двух дней, напомните классному руководителю.',
        en: 'Wait for the confirmation. After two days, remind the class teacher.',
      },
      teacherAdvice: {
        ru: 'Найдите человека в списке участников Сферума и подтвердите роль: родитель ученика или ученик класса.',
        en: 'Find the person in Sferum’s member list and confirm the role: parent of the student, or student of the class.',
      },
    },
    {
      id: 'chat_missing',
      label: { ru: 'Чата нет', en: 'The chat is missing' },
      parentAdvice: {
        ru: 'Попросите у классного руководителя ссылку-приглашение в чат.',
        en: 'Ask the class teacher for the chat’s invitation link.',
      },
      teacherAdvice: {
        ru: 'Если чат не перенесли из VK или его администратор ушёл, создайте чат в MAX заново и раздайте ссылку-приглашение.',
        en: 'If the chat did not move from VK or its admin left, create it anew in MAX and hand out its invitation link.',
      },
    },
    {
      id: 'account_locked',
      label: { ru: 'Забыт пароль MAX или аккаунт заблокирован', en: 'MAX password forgotten or account blocked' },
      parentAdvice: {
        ru: 'Войдите по коду из СМС и смените пароль в настройках MAX. Аккаунт заблокирован — напишите в поддержку MAX.',
        en: 'Sign in with the SMS code and change the password in MAX’s settings. Account blocked: write to MAX support.',
      },
      teacherAdvice: {
        ru: 'Подскажите вход по коду из СМС; при блокировке — обращение в поддержку MAX.',
        en: 'Suggest signing in with the SMS code; if blocked, contacting MAX support.',
      },
    },
    {
      id: 'old_phone',
      label: { ru: 'Старый телефон, MAX не ставится', en: 'An old phone that cannot run MAX' },
      parentAdvice: {
        ru: 'Откройте веб-версию MAX на компьютере или другом устройстве.',
        en: 'Open MAX’s web version on a computer or another device.',
      },
      teacherAdvice: { ru: 'Подскажите веб-версию MAX: web.max.ru.', en: 'Suggest MAX’s web version: web.max.ru.' },
    },
    {
      id: 'no_smartphone',
      label: { ru: 'Нет смартфона', en: 'No smartphone' },
      parentAdvice: { ru: 'Откройте веб-версию MAX на компьютере.', en: 'Open MAX’s web version on a computer.' },
      teacherAdvice: {
        ru: 'Подскажите веб-версию MAX; при необходимости помогите войти в школе.',
        en: 'Suggest MAX’s web version; if needed, help them sign in at school.',
      },
    },
    {
      id: 'other',
      label: { ru: 'Другое', en: 'Something else' },
      parentAdvice: { ru: 'Коротко опишите, что случилось.', en: 'Say briefly what happened.' },
      teacherAdvice: { ru: 'Прочитайте заметку и свяжитесь с семьёй.', en: 'Read the note and contact the family.' },
    },
  ],
  pitfalls: [
    {
      ru: 'Сначала подключите ребёнка, потом себя как родителя.',
      en: 'Connect the child first, then yourself as the parent.',
    },
    {
      ru: 'Регистрируйтесь по своему номеру, не по номеру ребёнка: на один номер — один аккаунт MAX.',
      en: 'Register with your own number, not the child’s: one number holds one MAX account.',
    },
    {
      ru: 'Номер в MAX должен быть тем же, что записан в школе: по нему школа подтверждает роль.',
      en: 'The number in MAX must be the one the school has: the school confirms the role by it.',
    },
    {
      ru: 'Приглашение в чат для родителей открывайте на своём телефоне, а приглашение ребёнка — на телефоне ребёнка.',
      en: 'Open the parents’ chat invitation on your own phone, and the child’s invitation on the child’s phone.',
    },
  ],
  inviteHosts: ['max.ru', 'web.max.ru'],
};
