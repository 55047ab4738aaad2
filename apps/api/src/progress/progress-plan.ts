import {
  STEP_IDS,
  stepsAfter,
  stepsBefore,
  type BlockerReason,
  type ChatStatus,
  type StepId,
  type StepStatus,
} from '@sferum/contracts';

/** One person's state as stored: a status per step and per chat. */
export interface ItemState<Status extends string = string> {
  status: Status;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
}

export interface PersonState {
  steps: Record<StepId, ItemState<StepStatus>>;
  chats: Map<string, ItemState<ChatStatus>>;
}

export type Target = { step: StepId } | { chatId: string };

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

/**
 * What a change does to one person, following the order of the path:
 * - a step done makes every earlier step done too;
 * - a chat joined makes every step done (the chats come last);
 * - a step cannot become not done while a later step is done or a chat is
 *   joined: the caller gets a conflict and must undo the later one first.
 * Nothing that is already so becomes a transition: repeating a change is a no-op.
 */
export function planTransitions(state: PersonState, change: RequestedChange): Transition[] {
  const wanted: ItemState = { status: change.status, blockerReason: change.blockerReason, blockerNote: change.blockerNote };
  const transitions: Transition[] = [];
  const setStep = (step: StepId, to: ItemState): void => {
    const from = state.steps[step];
    if (!sameState(from, to)) transitions.push({ target: { step }, from, to });
  };
  const DONE: ItemState = { status: 'done', blockerReason: null, blockerNote: null };

  if ('step' in change.target) {
    const { step } = change.target;
    if (change.status === 'done') {
      for (const earlier of stepsBefore(step)) setStep(earlier, DONE);
    } else {
      const laterDone = stepsAfter(step).filter((later) => state.steps[later].status === 'done');
      const joinedChats = [...state.chats.entries()].filter(([, chat]) => chat.status === 'joined').map(([id]) => `chat ${id}`);
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
    for (const step of STEP_IDS) setStep(step, DONE);
  }
  if (!sameState(from, wanted)) transitions.push({ target: { chatId }, from, to: wanted });
  return transitions;
}

function sameState(a: ItemState, b: ItemState): boolean {
  return a.status === b.status && a.blockerReason === b.blockerReason && a.blockerNote === b.blockerNote;
}
