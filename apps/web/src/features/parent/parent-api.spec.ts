import { describe, expect, it } from '@jest/globals';
import type { ParentPerson } from '@sferum/contracts';
import { parseParentFamily } from './parent-api';
import { parentChat, parentFamily, parentPerson, parentStep } from './parent-factory';

const child = (more: Partial<ParentPerson> = {}) =>
  parentPerson({ id: 'c1', kind: 'student', displayName: 'Дарья', ...more });

describe('parseParentFamily', () => {
  it('reads a family on its path', () => {
    const family = parentFamily([child({ chats: [parentChat('ch1', 'parents')] })]);
    expect(parseParentFamily(family)).toEqual(family);
  });

  it('refuses a path, a step or a blocker reason the catalogue does not know: the page reads them from it', () => {
    expect(() => parseParentFamily(parentFamily([child()], { pathId: 'lost' }))).toThrow(/pathId/);
    expect(() => parseParentFamily(parentFamily([child({ steps: [parentStep('vk_id')] })]))).toThrow(/step/);
    const blocked = parentStep('max_account', 'blocked', { blockerReason: 'no_such_reason' });
    expect(() => parseParentFamily(parentFamily([child({ steps: [blocked] })]))).toThrow(/blockerReason/);
  });

  it('names the wrong field of a malformed answer', () => {
    expect(() => parseParentFamily({ ...parentFamily([child()]), expiresAt: 42 })).toThrow(/expiresAt/);
  });
});
