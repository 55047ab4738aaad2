import { progressShare, type KindReport, type OverallCounts, type StepCounts } from '@sferum/contracts';

/** Test data for the report specs: small, explicit figures with the rest left at zero. */

export function stepCounts(done: number, more: Partial<StepCounts> = {}): StepCounts {
  const blockedByReason = more.blockedByReason ?? {};
  return {
    notStarted: 0,
    done,
    blocked: Object.values(blockedByReason).reduce((sum, count) => sum + count, 0),
    blockedByReason,
    optedOut: 0,
    shareDone: 0,
    ...more,
  };
}

/**
 * One kind of people: `people` counted, `optedOut` of them not using Sferum,
 * `connected` of the rest connected, and whatever steps the test names.
 */
export function kindReport({
  people,
  connected = 0,
  optedOut = 0,
  steps = {},
  overall = {},
  classChatJoined = connected,
}: {
  people: number;
  connected?: number;
  optedOut?: number;
  steps?: Record<string, StepCounts>;
  overall?: Partial<OverallCounts>;
  classChatJoined?: number;
}): KindReport {
  const participants = people - optedOut;
  return {
    people,
    participants,
    overall: {
      connected,
      inProgress: 0,
      blocked: 0,
      notStarted: participants - connected,
      optedOut,
      shareConnected: progressShare(connected, participants),
      ...overall,
    },
    steps,
    classChatJoined,
    subjectChatsJoined: 0,
    subjectChatMemberships: 0,
    schoolChatJoined: 0,
  };
}
