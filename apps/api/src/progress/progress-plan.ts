import {
  stepIdsOf,
  stepsAfter,
  stepsBefore,
  type BlockerReason,
  type ChatStatus,
  type OnboardingPath,
  type OptOutChannel,
  type StepStatus,
} from '@sferum/contracts';

/** One person's state as stored: a status per step and per chat. */
export interface ItemState<Status extends string = string> {
  status: Status;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
}

export interface PersonState {
  /** by step id of the school's path */
  steps: Map<string, ItemState<StepStatus>>;
  chats: Map<string, ItemState<ChatStatus>>;
}

export type Target = { step: string } | { chatId: string };

/** Opting out (with the channel used instead), or back in (null). */
export type OptOutChoice = { channel: OptOutChannel; note: string | null } | null;

export interface RequestedChange {
  target: Target;
  status: StepStatus | ChatStatus;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
}

export interface Transition {
  target: Target;
  from: ItemState;
  to: ItemState;
}

export class PathOrderConflict extends Error {
  constructor(readonly laterDone: string[]) {
    super(`Later steps are already done: ${laterDone.join(', ')}`);
  }
}

export class UnknownChat extends Error {}

const NOT_STARTED: ItemState<StepStatus> = { status: 'not_started', blockerReason: null, blockerNote: null };
const DONE: ItemState = { status: 'done', blockerReason: null, blockerNote: null };

/** A person who has not started any step of the path, in no chat yet. */
export function freshState(path: OnboardingPath): PersonState {
  return { steps: new Map(stepIdsOf(path).map((step) => [step, NOT_STARTED])), chats: new Map() };
}

/**
 * What a change does to one person, following the order of the school's path:
 * - a step done makes every earlier step done too;
 * - a chat joined makes every step done (the chats come last);
 * - a step cannot become not done while a later step is done or a chat is
 *   joined: the caller gets a conflict and must undo the later one first.
 * Nothing that is already so becomes a transition: repeating a change is a no-op.
 */
export function planTransitions(path: OnboardingPath, state: PersonState, change: RequestedChange): Transition[] {
  const wanted: ItemState = {
    status: change.status,
    blockerReason: change.blockerReason,
    blockerNote: change.blockerNote,
  };
  const transitions: Transition[] = [];
  const setStep = (step: string, to: ItemState): void => {
    const from = state.steps.get(step) ?? NOT_STARTED;
    if (!sameState(from, to)) transitions.push({ target: { step }, from, to });
  };

  if ('step' in change.target) {
    const { step } = change.target;
    if (change.status === 'done') {
      for (const earlier of stepsBefore(path, step)) setStep(earlier, DONE);
    } else {
      const laterDone = stepsAfter(path, step).filter((later) => state.steps.get(later)?.status === 'done');
      const joinedChats = [...state.chats.entries()]
        .filter(([, chat]) => chat.status === 'joined')
        .map(([id]) => `chat ${id}`);
      if (laterDone.length > 0 || joinedChats.length > 0) {
        throw new PathOrderConflict([...laterDone, ...joinedChats]);
      }
    }
    setStep(step, wanted);
    return transitions;
  }

  const { chatId } = change.target;
  const from = state.chats.get(chatId);
  if (!from) throw new UnknownChat(chatId);
  if (change.status === 'joined') {
    for (const step of stepIdsOf(path)) setStep(step, DONE);
  }
  if (!sameState(from, wanted)) transitions.push({ target: { chatId }, from, to: wanted });
  return transitions;
}

function sameState(a: ItemState, b: ItemState): boolean {
  return a.status === b.status && a.blockerReason === b.blockerReason && a.blockerNote === b.blockerNote;
}
