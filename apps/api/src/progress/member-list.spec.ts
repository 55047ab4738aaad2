import { matchMemberList, nameTokens, type ChatMember } from './member-list';

const member = (
  personId: string,
  displayName: string,
  kind: ChatMember['kind'] = 'student',
  joined = false,
): ChatMember => ({
  personId,
  displayName,
  kind,
  joined,
});

const CLASS: ChatMember[] = [
  member('p1', 'Ёлкин Пётр Сергеевич'),
  member('p2', 'Иванова Мария Сергеевна', 'parent'),
  member('p3', 'Иванова Мария', 'student'),
  member('p4', 'Смирнов Андрей Викторович', 'parent', true),
];

describe('matching a chat’s member list', () => {
  it('reads ё as е and ignores case, punctuation and order', () => {
    expect(nameTokens('  ЕЛКИН, Пётр!  ')).toEqual(['елкин', 'петр']);
    const preview = matchMemberList('Петр Елкин\nелкин пётр сергеевич', CLASS);
    expect(preview.matched.map((m) => [m.line, m.personId])).toEqual([[1, 'p1']]);
    expect(preview.unknown).toEqual([]);
  });

  it('rules a person out when the line names another patronymic', () => {
    expect(matchMemberList('Ёлкин Пётр Ильич', CLASS).unknown.map((u) => u.line)).toEqual([1]);
  });

  it('offers a choice when a name fits two people, and tells them apart when the list says parent or student', () => {
    const preview = matchMemberList('Иванова Мария\nИванова Мария (родитель)\nИванова Мария\tУченик\t5А', CLASS);
    expect(preview.ambiguous.map((a) => [a.line, a.candidates.map((c) => c.personId)])).toEqual([[1, ['p2', 'p3']]]);
    expect(preview.matched.map((m) => [m.line, m.personId])).toEqual([
      [2, 'p2'],
      [3, 'p3'],
    ]);
  });

  it('keeps apart who is already in the chat, and whom nobody fits', () => {
    const preview = matchMemberList('Смирнов Андрей\nПетрова Анна Ивановна\n\n', CLASS);
    expect(preview.alreadyJoined.map((m) => m.personId)).toEqual(['p4']);
    expect(preview.unknown.map((u) => u.text)).toEqual(['Петрова Анна Ивановна']);
    expect(preview.matched).toEqual([]);
  });
});
