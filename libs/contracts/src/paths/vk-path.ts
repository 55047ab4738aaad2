import type { OnboardingPath } from './path-types';

/**
 * The path of the parents' handout: VK ID, the Sferum profile, VK Messenger,
 * then the chats. VK chats were closed in late 2025; kept for schools whose
 * data predates MAX.
 */
export const VK_PATH: OnboardingPath = {
  id: 'vk',
  name: { ru: 'Сферум в VK Мессенджере', en: 'Sferum in VK Messenger' },
  appName: { ru: 'VK Мессенджер', en: 'VK Messenger' },
  legacy: true,
  description: {
    ru: 'Прежний путь: VK ID, «Профиль Сферума», VK Мессенджер, затем чаты. Чаты в VK закрыты в конце 2025 года; путь оставлен для истории и для школ, которые им ещё пользуются.',
    en: 'The former path: VK ID, the Sferum profile, VK Messenger, then the chats. VK chats closed in late 2025; kept for history and for schools still on it.',
  },
  steps: [
    {
      id: 'vk_id',
      title: { ru: 'VK ID', en: 'VK ID' },
      howTo: {
        student: {
          ru: 'Заведите ребёнку VK ID по его номеру телефона или электронной почте. Страница во «ВКонтакте» при этом НЕ создаётся.',
          en: 'Create a VK ID for the child with the child’s phone number or e-mail. This does NOT create a VKontakte page.',
        },
        parent: {
          ru: 'Заведите VK ID по своему номеру телефона или электронной почте. Страница во «ВКонтакте» при этом НЕ создаётся.',
          en: 'Create a VK ID with your own phone number or e-mail. This does NOT create a VKontakte page.',
        },
      },
      hints: {
        student: [
          {
            ru: 'Дети 1–4 классов могут зарегистрироваться по электронной почте.',
            en: 'Children of grades 1–4 can register with an e-mail address.',
          },
          { ru: 'На один номер телефона — только один VK ID.', en: 'One phone number holds only one VK ID.' },
        ],
        parent: [
          {
            ru: 'Есть страница во «ВКонтакте» — значит, VK ID уже есть: используйте его.',
            en: 'A VKontakte page means a VK ID already: use that one.',
          },
          {
            ru: 'На один номер телефона — только один VK ID. Номер ребёнка для себя не используйте.',
            en: 'One phone number holds only one VK ID: do not use the child’s number.',
          },
        ],
      },
      links: [{ id: 'vk_id', label: { ru: 'VK ID', en: 'VK ID' }, url: 'https://id.vk.com/' }],
      blockers: ['shared_phone', 'no_vk_page_wanted', 'other'],
    },
    {
      id: 'sferum_profile',
      title: { ru: 'Профиль Сферума', en: 'The Sferum profile' },
      howTo: {
        student: {
          ru: 'При входе в Сферум выберите «Профиль Сферума», введите номер телефона ребёнка и нажмите «Продолжить».',
          en: 'When signing in to Sferum, choose “Профиль Сферума”, enter the child’s phone number and press “Продолжить”.',
        },
        parent: {
          ru: 'При входе в Сферум выберите «Профиль Сферума», введите свой номер телефона и нажмите «Продолжить».',
          en: 'When signing in to Sferum, choose “Профиль Сферума”, enter your phone number and press “Продолжить”.',
        },
      },
      hints: {
        student: [
          {
            ru: 'Забыли пароль? Нажмите «Забыли пароль» и задайте новый.',
            en: 'Forgot the password? Press “Забыли пароль” and set a new one.',
          },
        ],
        parent: [
          {
            ru: 'Забыли пароль? Нажмите «Забыли пароль» и задайте новый.',
            en: 'Forgot the password? Press “Забыли пароль” and set a new one.',
          },
        ],
      },
      links: [{ id: 'sferum', label: { ru: 'Сайт Сферума', en: 'Sferum’s site' }, url: 'https://sferum.ru/' }],
      blockers: ['forgot_password', 'other'],
    },
    {
      id: 'messenger',
      title: { ru: 'VK Мессенджер', en: 'VK Messenger' },
      howTo: {
        student: {
          ru: 'Установите «VK Мессенджер» или откройте его веб-версию. Ребёнок может переключаться между школьным и личным профилем.',
          en: 'Install VK Messenger or open its web version. The child can switch between the school profile and a personal one.',
        },
        parent: {
          ru: 'Установите «VK Мессенджер» или откройте его веб-версию в браузере.',
          en: 'Install VK Messenger or open its web version in a browser.',
        },
      },
      hints: {
        student: [
          {
            ru: 'Нет смартфона — подойдёт веб-версия на компьютере.',
            en: 'No smartphone? The web version works on a computer.',
          },
        ],
        parent: [
          {
            ru: 'Нет смартфона — подойдёт веб-версия на компьютере.',
            en: 'No smartphone? The web version works on a computer.',
          },
        ],
      },
      links: [
        {
          id: 'vk_messenger_app',
          label: { ru: 'Скачать VK Мессенджер', en: 'Get VK Messenger' },
          url: 'https://vk.me/app',
        },
        { id: 'vk_messenger_web', label: { ru: 'Веб-версия', en: 'Web version' }, url: 'https://web.vk.me/' },
      ],
      blockers: ['no_smartphone', 'other'],
    },
  ],
  chats: {
    classChats: [{ kind: 'class', audience: 'all', title: { ru: 'Чат класса', en: 'Class chat' } }],
    subject: { kind: 'subject', audience: 'students', title: { ru: 'Чат предмета', en: 'Subject chat' } },
    school: { kind: 'school', audience: 'all', title: { ru: 'Общешкольный чат', en: 'School chat' } },
    howTo: {
      student: {
        ru: 'В учебном профиле вступите в чат класса, чаты предметов и общешкольный чат по приглашению учителя.',
        en: 'In the school profile, join the class chat, the subject chats and the school chat by the teacher’s invitation.',
      },
      parent: {
        ru: 'Откройте приглашение, которое ребёнок скопировал для вас в своём профиле, на своём телефоне или в своём браузере.',
        en: 'Open the invitation the child copied for you from their profile, on your own phone or browser.',
      },
    },
    hints: {
      student: [
        {
          ru: 'В учебном профиле всего три вида чатов: класса, предметов и школы.',
          en: 'The school profile has three kinds of chat: class, subject and school.',
        },
      ],
      parent: [
        {
          ru: 'Приглашение для родителя не открывайте на устройстве ребёнка: Сферум примет ребёнка за родителя и покажет ошибку.',
          en: 'Do not open the parent’s invitation on the child’s device: Sferum takes the child for the parent and shows an error.',
        },
      ],
    },
    blockers: ['chat_missing', 'other'],
  },
  blockers: [
    {
      id: 'shared_phone',
      label: { ru: 'Один номер на двоих', en: 'One number for two people' },
      parentAdvice: {
        ru: 'Для второго человека возьмите другой номер или электронную почту.',
        en: 'Use another number or an e-mail address for the second person.',
      },
      teacherAdvice: {
        ru: 'Подскажите семье: ребёнку 1–4 класса можно зарегистрироваться по почте, иначе нужен другой номер.',
        en: 'Tell the family: a child of grades 1–4 can register by e-mail; otherwise another number is needed.',
      },
    },
    {
      id: 'forgot_password',
      label: { ru: 'Забыли пароль', en: 'Forgot the password' },
      parentAdvice: {
        ru: 'При входе нажмите «Забыли пароль» и задайте новый.',
        en: 'At sign-in, press “Забыли пароль” and set a new one.',
      },
      teacherAdvice: {
        ru: 'Подскажите кнопку «Забыли пароль» при входе.',
        en: 'Point them to “Забыли пароль” at sign-in.',
      },
    },
    {
      id: 'no_smartphone',
      label: { ru: 'Нет смартфона', en: 'No smartphone' },
      parentAdvice: { ru: 'Откройте веб-версию на компьютере.', en: 'Open the web version on a computer.' },
      teacherAdvice: { ru: 'Подскажите веб-версию VK Мессенджера.', en: 'Suggest VK Messenger’s web version.' },
    },
    {
      id: 'no_vk_page_wanted',
      label: { ru: 'Не хочу страницу во «ВКонтакте»', en: 'Does not want a VKontakte page' },
      parentAdvice: {
        ru: 'VK ID не создаёт страницу во «ВКонтакте»: это только вход по телефону или почте.',
        en: 'A VK ID does not create a VKontakte page: it is only a sign-in by phone or e-mail.',
      },
      teacherAdvice: {
        ru: 'Объясните, что VK ID не создаёт страницу во «ВКонтакте».',
        en: 'Explain that a VK ID does not create a VKontakte page.',
      },
    },
    {
      id: 'chat_missing',
      label: { ru: 'Чата нет', en: 'The chat is missing' },
      parentAdvice: {
        ru: 'Попросите у классного руководителя приглашение в чат.',
        en: 'Ask the class teacher for the chat’s invitation.',
      },
      teacherAdvice: {
        ru: 'Создайте чат или пришлите приглашение заново.',
        en: 'Create the chat or send the invitation again.',
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
      ru: 'Сначала зарегистрируйте ребёнка, потом себя как родителя.',
      en: 'Register the child first, then yourself as the parent.',
    },
    {
      ru: 'Не используйте номер ребёнка для своего аккаунта: на один номер — только один VK ID.',
      en: 'Do not use the child’s number for your account: one number holds only one VK ID.',
    },
    {
      ru: 'Приглашение для родителя открывайте на своём телефоне или в своём браузере, а не на устройстве ребёнка.',
      en: 'Open the parent’s invitation on your own phone or browser, not on the child’s device.',
    },
    {
      ru: 'Дети 1–4 классов могут зарегистрироваться по электронной почте.',
      en: 'Children of grades 1–4 can register with an e-mail address.',
    },
  ],
  inviteHosts: ['vk.me', 'web.vk.me', 'sferum.ru'],
};
