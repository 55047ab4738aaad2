import {
  API_PREFIX,
  PERSON_KINDS,
  type MemberListCandidate,
  type MemberListLine,
  type MemberListPreview,
  type MemberListResult,
} from '@sferum/contracts';
import { apiRequest } from '../../api/api-client';
import { list, num, oneOf, record, str, type Fields, type Parser } from '../../api/parse';
import { byId } from '../../api/queries';

const lineOf = (o: Fields): MemberListLine => ({ line: num(o, 'line'), text: str(o, 'text') });
const candidateOf = (o: Fields): MemberListCandidate => ({
  personId: str(o, 'personId'),
  displayName: str(o, 'displayName'),
  kind: oneOf(o, 'kind', PERSON_KINDS),
});

const parseFound: Parser<MemberListLine & MemberListCandidate> = (value) => {
  const o = record(value, 'member list entry');
  return { ...lineOf(o), ...candidateOf(o) };
};

export const parseMemberListPreview: Parser<MemberListPreview> = (value) => {
  const o = record(value, 'member list preview');
  return {
    matched: list(o.matched, parseFound, 'matched'),
    alreadyJoined: list(o.alreadyJoined, parseFound, 'alreadyJoined'),
    ambiguous: list(
      o.ambiguous,
      (item) => {
        const entry = record(item, 'ambiguous line');
        return {
          ...lineOf(entry),
          candidates: list(entry.candidates, (candidate) => candidateOf(record(candidate, 'candidate')), 'candidates'),
        };
      },
      'ambiguous',
    ),
    unknown: list(o.unknown, (item) => lineOf(record(item, 'unknown line')), 'unknown'),
  };
};

export const parseMemberListResult: Parser<MemberListResult> = (value) => {
  const o = record(value, 'member list result');
  return { joined: num(o, 'joined'), unchanged: num(o, 'unchanged') };
};

const membersPath = (chatId: string) => `${byId(`${API_PREFIX}/chats`, chatId)}/members`;

export const memberListApi = {
  /** Matches the pasted list to the chat's people; writes nothing. */
  preview: (chatId: string, text: string) =>
    apiRequest(`${membersPath(chatId)}/preview`, { method: 'POST', body: { text }, parse: parseMemberListPreview }),
  /** Marks the chosen people as joined; removes nobody. */
  commit: (chatId: string, personIds: string[]) =>
    apiRequest(`${membersPath(chatId)}/commit`, { method: 'POST', body: { personIds }, parse: parseMemberListResult }),
};
