import { MAX_PATH } from './paths/max-path';
import { VK_PATH } from './paths/vk-path';
import {
  blockersFor,
  PATH_CATALOGUE,
  PathCatalogue,
  stepsAfter,
  stepsBefore,
  DEFAULT_PATH_ID,
} from './paths/catalogue';
import type { OnboardingPath, PathStep } from './paths/path-types';

describe('the catalogue of paths', () => {
  it('ships MAX as the default and VK as the legacy path', () => {
    expect(PATH_CATALOGUE.ids).toEqual(['max', 'vk']);
    expect(DEFAULT_PATH_ID).toBe('max');
    expect(PATH_CATALOGUE.get('vk').legacy).toBe(true);
    expect(PATH_CATALOGUE.get('max').legacy).toBe(false);
  });

  it('puts the VK ID before the Sferum profile and both before the messenger', () => {
    expect(stepsBefore(VK_PATH, 'vk_id')).toEqual([]);
    expect(stepsBefore(VK_PATH, 'messenger')).toEqual(['vk_id', 'sferum_profile']);
    expect(stepsAfter(VK_PATH, 'vk_id')).toEqual(['sferum_profile', 'messenger']);
    expect(stepsAfter(VK_PATH, 'messenger')).toEqual([]);
  });

  it('puts the MAX account before the school profile', () => {
    expect(stepsBefore(MAX_PATH, 'school_profile')).toEqual(['max_account']);
    expect(stepsAfter(MAX_PATH, 'max_account')).toEqual(['school_profile']);
  });

  it('offers each step only its own reasons: no shared phone on a chat', () => {
    expect(blockersFor(MAX_PATH, { chat: true }).map((b) => b.id)).not.toContain('shared_phone');
    expect(blockersFor(MAX_PATH, { step: 'max_account' }).map((b) => b.id)).toContain('shared_phone');
    expect(blockersFor(MAX_PATH, { step: 'school_profile' }).map((b) => b.id)).toContain('role_not_confirmed');
  });

  it('refuses a path that names a reason it does not define', () => {
    const broken: OnboardingPath = {
      ...MAX_PATH,
      id: 'broken',
      steps: [{ ...firstStep(MAX_PATH), blockers: ['nope'] }],
    };
    expect(() => new PathCatalogue([broken])).toThrow(/unknown reason nope/);
  });

  it('refuses a link that is not https', () => {
    const step = firstStep(MAX_PATH);
    const broken: OnboardingPath = {
      ...MAX_PATH,
      id: 'broken',
      steps: [{ ...step, links: [{ id: 'x', label: { ru: 'x', en: 'x' }, url: 'http://example.test/' }] }],
    };
    expect(() => new PathCatalogue([broken])).toThrow(/not https/);
  });

  it('writes every step text for the student and the parent in both languages', () => {
    for (const path of PATH_CATALOGUE.paths) {
      for (const step of path.steps) {
        for (const kind of ['student', 'parent'] as const) {
          expect(step.howTo[kind].ru.length).toBeGreaterThan(10);
          expect(step.howTo[kind].en.length).toBeGreaterThan(10);
        }
      }
    }
  });
});

function firstStep(path: OnboardingPath): PathStep {
  const [step] = path.steps;
  if (!step) throw new Error(`${path.id} has no steps`);
  return step;
}
