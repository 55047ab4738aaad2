import fc from 'fast-check';
import { BLOCKER_REASONS, CHAT_STATUSES, STEP_IDS, STEP_STATUSES, type StepId } from '@sferum/contracts';
import { PathOrderConflict, planTransitions, type PersonState, type RequestedChange } from './progress-plan';

const CHATS = ['class-chat', 'school-chat'];

const change: fc.Arbitrary<RequestedChange> = fc.oneof(
  fc.record({
    target: fc.constantFrom(...STEP_IDS).map((step) => ({ step })),
    status: fc.constantFrom(...STEP_STATUSES),
    reason: fc.constantFrom(...BLOCKER_REASONS),
  }),
  fc.record({
    target: fc.constantFrom(...CHATS).map((chatId) => ({ chatId })),
    status: fc.constantFrom(...CHAT_STATUSES),
    reason: fc.constantFrom(...BLOCKER_REASONS),
  }),
).map(({ target, status, reason }) => ({
  target,
  status,
  blockerReason: status === 'blocked' ? reason : null,
  blockerNote: null,
}));

function freshPerson(): PersonState {
  const notStarted = { status: 'not_started', blockerReason: null, blockerNote: null } as const;
  return {
    steps: { vk_id: notStarted, sferum_profile: notStarted, messenger: notStarted },
    chats: new Map(CHATS.map((id) => [id, { status: 'not_joined', blockerReason: null, blockerNote: null }])),
  };
}

describe('the path order, under any sequence of changes', () => {
  it('never leaves a later step done before an earlier one, nor a chat joined before every step', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const state = freshPerson();
        for (const requested of changes) {
          let transitions;
          try {
            transitions = planTransitions(state, requested);
          } catch (error) {
            if (error instanceof PathOrderConflict) continue;
            throw error;
          }
          for (const t of transitions) {
            if ('step' in t.target) state.steps[t.target.step] = t.to as PersonState['steps'][StepId];
            else state.chats.set(t.target.chatId, t.to as never);
            // A transition always starts from the stored state and changes something.
            expect(t.from).not.toEqual(t.to);
          }
          const done = STEP_IDS.map((step) => state.steps[step].status === 'done');
          expect(done).toEqual([...done].sort((a, b) => Number(b) - Number(a)));
          if ([...state.chats.values()].some((chat) => chat.status === 'joined')) expect(done.every(Boolean)).toBe(true);
          for (const item of [...Object.values(state.steps), ...state.chats.values()]) {
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
        const state = freshPerson();
        const apply = (requested: RequestedChange) => {
          for (const t of planTransitions(state, requested)) {
            if ('step' in t.target) state.steps[t.target.step] = t.to as PersonState['steps'][StepId];
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
        expect(planTransitions(state, repeated)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
