import type { PersonKind } from '../progress';
import { MAX_PATH } from './max-path';
import type { OnboardingPath, PathBlocker, PathStep } from './path-types';
import { VK_PATH } from './vk-path';

/** The path new schools start on. */
export const DEFAULT_PATH_ID = 'max';

/** Ids of paths, steps and reasons, as the database stores them. */
export const CATALOGUE_ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** What a step, a chat or the opt-out of a person is about. */
export type PathTarget = { step: string } | { chat: true };

/**
 * The onboarding paths the product knows, looked up by id. The API and the web
 * take every step, text, link and reason from here; the database keeps only
 * ids. A catalogue is checked when it is made, so a broken entry fails at
 * start-up, not in front of a parent.
 */
export class PathCatalogue {
  private readonly byId: ReadonlyMap<string, OnboardingPath>;

  constructor(readonly paths: readonly OnboardingPath[]) {
    for (const path of paths) checkPath(path);
    this.byId = new Map(paths.map((path) => [path.id, path]));
    if (this.byId.size !== paths.length) throw new Error('Two onboarding paths share an id');
  }

  get ids(): string[] {
    return this.paths.map((path) => path.id);
  }

  has(pathId: string): boolean {
    return this.byId.has(pathId);
  }

  /** The path, or an error for an id the catalogue does not know (a bug, not a user's mistake). */
  get(pathId: string): OnboardingPath {
    const path = this.byId.get(pathId);
    if (!path) throw new Error(`Unknown onboarding path: ${pathId}`);
    return path;
  }
}

/** The step ids of a path, in order. */
export function stepIdsOf(path: OnboardingPath): string[] {
  return path.steps.map((step) => step.id);
}

export function findStep(path: OnboardingPath, stepId: string): PathStep | undefined {
  return path.steps.find((step) => step.id === stepId);
}

/** The steps before `stepId` on the path; done `stepId` implies all of them done. */
export function stepsBefore(path: OnboardingPath, stepId: string): string[] {
  const ids = stepIdsOf(path);
  return ids.slice(0, Math.max(0, ids.indexOf(stepId)));
}

/** The steps after `stepId`; they cannot stay done once `stepId` is not. */
export function stepsAfter(path: OnboardingPath, stepId: string): string[] {
  const ids = stepIdsOf(path);
  const index = ids.indexOf(stepId);
  return index < 0 ? [] : ids.slice(index + 1);
}

/** The reasons a step or the chats offer, in the path's order. */
export function blockersFor(path: OnboardingPath, target: PathTarget): PathBlocker[] {
  const ids = 'step' in target ? (findStep(path, target.step)?.blockers ?? []) : path.chats.blockers;
  return path.blockers.filter((blocker) => ids.includes(blocker.id));
}

export function findBlocker(path: OnboardingPath, reasonId: string): PathBlocker | undefined {
  return path.blockers.find((blocker) => blocker.id === reasonId);
}

/** The texts of a step for one kind of person. */
export function stepTextsFor(step: PathStep, kind: PersonKind) {
  return { title: step.title, howTo: step.howTo[kind], hints: step.hints[kind] };
}

function checkPath(path: OnboardingPath): void {
  const fail = (what: string): never => {
    throw new Error(`Onboarding path ${path.id}: ${what}`);
  };
  if (!CATALOGUE_ID_PATTERN.test(path.id)) fail('bad id');
  if (path.steps.length === 0) fail('no steps');
  const blockerIds = new Set(path.blockers.map((blocker) => blocker.id));
  if (blockerIds.size !== path.blockers.length) fail('two reasons share an id');
  for (const id of blockerIds) if (!CATALOGUE_ID_PATTERN.test(id)) fail(`bad reason id ${id}`);
  const stepIds = new Set(path.steps.map((step) => step.id));
  if (stepIds.size !== path.steps.length) fail('two steps share an id');
  for (const step of path.steps) {
    if (!CATALOGUE_ID_PATTERN.test(step.id)) fail(`bad step id ${step.id}`);
    for (const reason of step.blockers)
      if (!blockerIds.has(reason)) fail(`step ${step.id} names unknown reason ${reason}`);
    for (const link of step.links) if (!link.url.startsWith('https://')) fail(`link ${link.id} is not https`);
  }
  for (const reason of path.chats.blockers) if (!blockerIds.has(reason)) fail(`chats name unknown reason ${reason}`);
  if (path.chats.classChats.length === 0) fail('no class chat');
  const audiences = new Set(path.chats.classChats.map((chat) => chat.audience));
  if (audiences.size !== path.chats.classChats.length) fail('two class chats for one audience');
  if (audiences.has('all') && audiences.size > 1) fail('a class chat for everyone beside one for some');
}

/** The paths that ship with the product: MAX, the default, and VK, the legacy one. */
export const SHIPPED_PATHS: readonly OnboardingPath[] = [MAX_PATH, VK_PATH];

export const PATH_CATALOGUE = new PathCatalogue(SHIPPED_PATHS);
