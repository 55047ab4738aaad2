import type { BlockerReason, ChatKind, ChatStatus, Messenger, PersonKind, StepId, StepStatus } from '@sferum/contracts';

export interface ReminderPerson {
  id: string;
  kind: PersonKind;
  displayName: string;
  archived: boolean;
  steps: Array<{ step: StepId; status: StepStatus; blockerReason: BlockerReason | null }>;
  chats: Array<{ chatId: string; status: ChatStatus }>;
}

export interface ReminderRoster {
  messenger: Messenger;
  chats: Array<{ id: string; kind: ChatKind }>;
  families: Array<{ id: string; people: ReminderPerson[] }>;
}

/** What a person still has to do, in path order; `class_chat` is joining the class chat. */
export type MissingItem = StepId | 'class_chat';

export interface PersonToRemind {
  name: string;
  kind: PersonKind;
  missing: MissingItem[];
}

/**
 * Families where someone has a step not done or has not joined the class chat,
 * with what each person misses; children first. Someone who refuses Sferum has
 * made a choice to record, not a step to chase, and is left out.
 */
export function whomToRemind(roster: ReminderRoster): Map<string, PersonToRemind[]> {
  const classChatIds = new Set(roster.chats.filter((chat) => chat.kind === 'class').map((chat) => chat.id));
  const result = new Map<string, PersonToRemind[]>();
  for (const family of roster.families) {
    const people: PersonToRemind[] = [];
    const ordered = [...family.people].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'student' ? -1 : 1));
    for (const person of ordered) {
      if (person.archived || person.steps.some((step) => step.blockerReason === 'refuses_sferum')) continue;
      const missing: MissingItem[] = person.steps.filter((step) => step.status !== 'done').map((step) => step.step);
      const inClassChat = person.chats.some((chat) => classChatIds.has(chat.chatId) && chat.status === 'joined');
      if (classChatIds.size > 0 && !inClassChat) missing.push('class_chat');
      if (missing.length > 0) people.push({ name: person.displayName, kind: person.kind, missing });
    }
    if (people.length > 0) result.set(family.id, people);
  }
  return result;
}
