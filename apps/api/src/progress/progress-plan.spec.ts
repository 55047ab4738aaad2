import { VK_PATH, type StepId } from '@sferum/contracts';
import { PathOrderConflict, planTransitions, UnknownChat, type ItemState, type PersonState } from './progress-plan';

const notStarted: ItemState<'not_started'> = { status: 'not_started', blockerReason: null, blockerNote: null };
const done: ItemState<'done'> = { status: 'done', blockerReason: null, blockerNote: null };

function person(
  steps: Partial<Record<StepId, ItemState<'not_started' | 'done'>>> = {},
  chats: Record<string, 'joined' | 'not_joined'> = {},
): PersonState {
  return {
    steps: new Map(Object.entries({ vk_id: notStarted, sferum_profile: notStarted, messenger: notStarted, ...steps })),
    chats: new Map(
      Object.entries(chats).map(([id, status]) => [id, { status, blockerReason: null, blockerNote: null }]),
    ),
  };
}

const targets = (transitions: ReturnType<typeof planTransitions>) =>
  transitions.map((t) => ('step' in t.target ? t.target.step : `chat:${t.target.chatId}`) + `=${t.to.status}`);

describe('planTransitions', () => {
  it('marks the earlier steps done with a later one', () => {
    const plan = planTransitions(VK_PATH, person(), {
      target: { step: 'messenger' },
      status: 'done',
      blockerReason: null,
      blockerNote: null,
    });
    expect(targets(plan)).toEqual(['vk_id=done', 'sferum_profile=done', 'messenger=done']);
  });

  it('marks every step done when a chat is joined', () => {
    const plan = planTransitions(VK_PATH, person({ vk_id: done }, { c1: 'not_joined' }), {
      target: { chatId: 'c1' },
      status: 'joined',
      blockerReason: null,
      blockerNote: null,
    });
    expect(targets(plan)).toEqual(['sferum_profile=done', 'messenger=done', 'chat:c1=joined']);
  });

  it('changes nothing when the state is already so', () => {
    expect(
      planTransitions(VK_PATH, person({ vk_id: done }), {
        target: { step: 'vk_id' },
        status: 'done',
        blockerReason: null,
        blockerNote: null,
      }),
    ).toEqual([]);
  });

  it('records a new reason on a step that stays blocked', () => {
    const blocked = { status: 'blocked', blockerReason: 'forgot_password', blockerNote: null } as const;
    const state = person();
    state.steps.set('vk_id', blocked);
    const plan = planTransitions(VK_PATH, state, {
      target: { step: 'vk_id' },
      status: 'blocked',
      blockerReason: 'shared_phone',
      blockerNote: null,
    });
    expect(plan).toHaveLength(1);
    expect(plan[0]?.to.blockerReason).toBe('shared_phone');
  });

  it('refuses to undo a step while a later one is done', () => {
    const attempt = () =>
      planTransitions(VK_PATH, person({ vk_id: done, sferum_profile: done }), {
        target: { step: 'vk_id' },
        status: 'blocked',
        blockerReason: 'shared_phone',
        blockerNote: null,
      });
    expect(attempt).toThrow(PathOrderConflict);
    expect(attempt).toThrow(/sferum_profile/);
  });

  it('refuses to undo a step while a chat is joined', () => {
    const attempt = () =>
      planTransitions(VK_PATH, person({ vk_id: done, sferum_profile: done, messenger: done }, { c1: 'joined' }), {
        target: { step: 'messenger' },
        status: 'not_started',
        blockerReason: null,
        blockerNote: null,
      });
    expect(attempt).toThrow(PathOrderConflict);
  });

  it('lets a chat be left without touching the steps', () => {
    const plan = planTransitions(
      VK_PATH,
      person({ vk_id: done, sferum_profile: done, messenger: done }, { c1: 'joined' }),
      {
        target: { chatId: 'c1' },
        status: 'not_joined',
        blockerReason: null,
        blockerNote: null,
      },
    );
    expect(targets(plan)).toEqual(['chat:c1=not_joined']);
  });

  it('refuses a chat the person is not in', () => {
    expect(() =>
      planTransitions(VK_PATH, person(), {
        target: { chatId: 'elsewhere' },
        status: 'joined',
        blockerReason: null,
        blockerNote: null,
      }),
    ).toThrow(UnknownChat);
  });
});
