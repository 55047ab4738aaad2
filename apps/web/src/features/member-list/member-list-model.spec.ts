import { describe, expect, it } from '@jest/globals';
import type { ChatSummary, MemberListPreview } from '@sferum/contracts';
import {
  choose,
  commitPersonIds,
  decodeListFile,
  initialSelection,
  listFileProblem,
  memberListChats,
  previewIsEmpty,
  toggleChecked,
} from './member-list-model';
import { at } from '../../testing/at';

const chat = (
  id: string,
  kind: ChatSummary['kind'],
  audience: ChatSummary['audience'],
  name: string | null = null,
): ChatSummary => ({
  id,
  kind,
  audience,
  name,
  classId: kind === 'school' ? null : 'class-5a',
  inviteUrl: null,
});

const preview: MemberListPreview = {
  matched: [
    { line: 1, text: 'Иванова Мария', personId: 'maria', displayName: 'Иванова Мария', kind: 'student' },
    { line: 2, text: 'Алена Семенова', personId: 'alena', displayName: 'Семёнова Алёна', kind: 'student' },
  ],
  alreadyJoined: [{ line: 3, text: 'Петров Олег', personId: 'oleg', displayName: 'Петров Олег', kind: 'parent' }],
  ambiguous: [
    {
      line: 4,
      text: 'Кузнецов Саша',
      candidates: [
        { personId: 'sasha-student', displayName: 'Кузнецов Саша', kind: 'student' },
        { personId: 'sasha-parent', displayName: 'Кузнецов Саша Петрович', kind: 'parent' },
      ],
    },
    {
      line: 6,
      text: 'Петров Олег',
      candidates: [
        { personId: 'oleg', displayName: 'Петров Олег', kind: 'parent' },
        { personId: 'oleg-2', displayName: 'Петров Олег Ильич', kind: 'parent' },
      ],
    },
  ],
  unknown: [{ line: 5, text: 'Учитель Анна Сергеевна' }],
};

describe('memberListChats', () => {
  const chats = [
    chat('school', 'school', 'all'),
    chat('math', 'subject', 'students', 'Математика'),
    chat('students', 'class', 'students'),
    chat('art', 'subject', 'students', 'ИЗО'),
    chat('parents', 'class', 'parents'),
  ];

  it('puts the class chats first (parents’, then students’), then the subject chats by name, then the school chat', () => {
    expect(memberListChats(chats, 'school_admin').map((item) => item.id)).toEqual([
      'parents',
      'students',
      'art',
      'math',
      'school',
    ]);
    expect(memberListChats(chats, 'district_admin').at(-1)?.id).toBe('school');
  });

  it('leaves the school chat out for a teacher: the school’s admins mark it', () => {
    expect(memberListChats(chats, 'teacher').map((item) => item.id)).toEqual(['parents', 'students', 'art', 'math']);
  });
});

describe('the choices of a preview', () => {
  it('ticks everyone found alone and chooses nobody where several fit', () => {
    const selection = initialSelection(preview);
    expect([...selection.checked]).toEqual(['maria', 'alena']);
    expect([...selection.chosen]).toEqual([
      [4, null],
      [6, null],
    ]);
    expect(commitPersonIds(preview, selection)).toEqual(['maria', 'alena']);
  });

  it('commits the ticked ones and the choices, each person once, without those already in the chat', () => {
    let selection = initialSelection(preview);
    selection = toggleChecked(selection, 'maria', false);
    selection = choose(selection, 4, 'sasha-student');
    selection = choose(selection, 6, 'oleg');
    expect(commitPersonIds(preview, selection)).toEqual(['alena', 'sasha-student']);
    selection = choose(selection, 4, null);
    selection = toggleChecked(selection, 'maria', true);
    expect(commitPersonIds(preview, selection)).toEqual(['maria', 'alena']);
  });

  it('marks a person once when the teacher picks someone already found on another line', () => {
    const line = at(preview.ambiguous, 0);
    const withMaria = {
      ...preview,
      ambiguous: [{ ...line, candidates: [...line.candidates, at(preview.matched, 0)] }],
    };
    expect(commitPersonIds(withMaria, choose(initialSelection(withMaria), 4, 'maria'))).toEqual(['maria', 'alena']);
  });

  it('knows a text without a single name', () => {
    expect(previewIsEmpty({ matched: [], alreadyJoined: [], ambiguous: [], unknown: [] })).toBe(true);
    expect(previewIsEmpty(preview)).toBe(false);
  });
});

describe('a file with the list', () => {
  it('takes .txt and .csv up to 1 MB', () => {
    expect(listFileProblem({ name: 'участники.TXT', size: 2_000 })).toBeNull();
    expect(listFileProblem({ name: 'chat.csv', size: 2_000 })).toBeNull();
    expect(listFileProblem({ name: 'chat.xlsx', size: 2_000 })).toBe('fileType');
    expect(listFileProblem({ name: 'chat.txt', size: 2 * 1024 * 1024 })).toBe('fileTooBig');
  });

  it('reads UTF-8 with or without its byte order mark', () => {
    const utf8 = new TextEncoder().encode('Семёнова Алёна\nИванов Пётр');
    expect(decodeListFile(utf8)).toBe('Семёнова Алёна\nИванов Пётр');
    expect(decodeListFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('Семёнова Алёна\nИванов Пётр');
  });

  it('reads Windows-1251, as Russian Excel and Notepad save', () => {
    // «Ёлкина Аня;5А» in Windows-1251.
    const cp1251 = new Uint8Array([0xa8, 0xeb, 0xea, 0xe8, 0xed, 0xe0, 0x20, 0xc0, 0xed, 0xff, 0x3b, 0x35, 0xc0]);
    expect(decodeListFile(cp1251)).toBe('Ёлкина Аня;5А');
  });
});
