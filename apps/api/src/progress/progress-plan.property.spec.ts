import fc from 'fast-check';
import { CHAT_STATUSES, MAX_PATH, STEP_STATUSES, VK_PATH, stepIdsOf, type OnboardingPath } from '@sferum/contracts';
import {
  freshState,
  PathOrderConflict,
  planTransitions,
  type PersonState,
  type RequestedChange,
} from './progress-plan';

const CHATS = ['class-chat', 'school-chat'];

const changeOn = (path: OnboardingPath): fc.Arbitrary<RequestedChange> =>
  fc
    .oneof(
      fc.record({
        target: fc.constantFrom(...stepIdsOf(path)).map((step) => ({ step })),
        status: fc.constantFrom(...STEP_STATUSES),
        reason: fc.constantFrom(...path.blockers.map((b) => b.id)),
      }),
      fc.record({
        target: fc.constantFrom(...CHATS).map((chatId) => ({ chatId })),
        status: fc.constantFrom(...CHAT_STATUSES),
        reason: fc.constantFrom(...path.blockers.map((b) => b.id)),
      }),
    )
    .map(({ target, status, reason }) => ({
      target,
      status,
      blockerReason: status === 'blocked' ? reason : null,
      blockerNote: null,
    }));

function freshPerson(path: OnboardingPath): PersonState {
  const state = freshState(path);
  for (const id of CHATS) state.chats.set(id, { status: 'not_joined', blockerReason: null, blockerNote: null });
  return state;
}

describe.each([MAX_PATH, VK_PATH])('the order of path $id, under any sequence of changes', (path) => {
  const change = changeOn(path);
  it('never leaves a later step done before an earlier one, nor a chat joined before every step', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const state = freshPerson(path);
        for (const requested of changes) {
          let transitions;
          try {
            transitions = planTransitions(path, state, requested);
          } catch (error) {
            if (error instanceof PathOrderConflict) continue;
            throw error;
          }
          for (const t of transitions) {
            if ('step' in t.target) state.steps.set(t.target.step, t.to as never);
            else state.chats.set(t.target.chatId, t.to as never);
            // A transition always starts from the stored state and changes something.
            expect(t.from).not.toEqual(t.to);
          }
          const done = stepIdsOf(path).map((step) => state.steps.get(step)?.status === 'done');
          expect(done).toEqual([...done].sort((a, b) => Number(b) - Number(a)));
          if ([...state.chats.values()].some((chat) => chat.status === 'joined'))
            expect(done.every(Boolean)).toBe(true);
          for (const item of [...state.steps.values(), ...state.chats.values()]) {
            expect(item.blockerReason !== null).toBe(item.status === 'blocked');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('plans nothing when the same change is asked twice in a row', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 20 }), change, (before, repeated) => {
        const state = freshPerson(path);
        const apply = (requested: RequestedChange) => {
          for (const t of planTransitions(path, state, requested)) {
            if ('step' in t.target) state.steps.set(t.target.step, t.to as never);
            else state.chats.set(t.target.chatId, t.to as never);
          }
        };
        for (const requested of before) {
          try {
            apply(requested);
          } catch (error) {
            if (!(error instanceof PathOrderConflict)) throw error;
          }
        }
        try {
          apply(repeated);
        } catch (error) {
          if (error instanceof PathOrderConflict) return;
          throw error;
        }
        expect(planTransitions(path, state, repeated)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
