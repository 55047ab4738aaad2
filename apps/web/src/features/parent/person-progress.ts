import {
  audienceIncludes,
  findStep,
  type OnboardingPath,
  type ParentChat,
  type ParentPerson,
  type ParentStep,
  type PathStep,
} from '@sferum/contracts';

/** One numbered step of a person's way on the page: a step of the path, or, last, the chats. */
export type PersonItem =
  | { kind: 'step'; number: number; step: ParentStep; pathStep: PathStep; done: boolean; blocked: boolean }
  | { kind: 'chats'; number: number; chats: ParentChat[]; done: boolean; blocked: boolean };

export interface PersonProgress {
  items: PersonItem[];
  /** the item to do now (the first one not done), open on the page; null when everything is done */
  next: PersonItem | null;
  done: number;
  total: number;
  /** the number of the first item that does not work out, if any */
  blocked: number | null;
  /** whether the person is in their own class chat; null while they have none */
  inClassChat: boolean | null;
}

/** The path's order of chats: its class chats as listed, then subjects, then the school's. */
function chatOrder(path: OnboardingPath, chat: ParentChat): number {
  if (chat.kind === 'class') {
    const index = path.chats.classChats.findIndex((candidate) => candidate.audience === chat.audience);
    return index < 0 ? 0 : index;
  }
  return path.chats.classChats.length + (chat.kind === 'subject' ? 0 : 1);
}

/**
 * How far a person is on the family's path: the path's steps, then the chats
 * as one more step (done once every chat of theirs is joined).
 */
export function personProgress(path: OnboardingPath, person: ParentPerson): PersonProgress {
  const items: PersonItem[] = [];
  for (const step of person.steps) {
    const pathStep = findStep(path, step.step);
    if (!pathStep) continue;
    items.push({
      kind: 'step',
      number: items.length + 1,
      step,
      pathStep,
      done: step.status === 'done',
      blocked: step.status === 'blocked',
    });
  }
  const chats = [...person.chats].sort((a, b) => chatOrder(path, a) - chatOrder(path, b));
  if (chats.length > 0) {
    items.push({
      kind: 'chats',
      number: items.length + 1,
      chats,
      done: chats.every((chat) => chat.status === 'joined'),
      blocked: chats.some((chat) => chat.status === 'blocked'),
    });
  }
  const classChat = chats.find((chat) => chat.kind === 'class' && audienceIncludes(chat.audience, person.kind));
  return {
    items,
    next: items.find((item) => !item.done) ?? null,
    done: items.filter((item) => item.done).length,
    total: items.length,
    blocked: items.find((item) => item.blocked)?.number ?? null,
    inClassChat: classChat ? classChat.status === 'joined' : null,
  };
}
