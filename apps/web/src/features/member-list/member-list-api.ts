import { apiPath, MemberListPreviewSchema, MemberListResultSchema, ROUTES } from '@sferum/contracts';
import { apiRequest } from '../../api/api-client';
import { parserOf } from '../../api/parse';

export const parseMemberListPreview = parserOf(MemberListPreviewSchema);
export const parseMemberListResult = parserOf(MemberListResultSchema);

export const memberListApi = {
  /** Matches the pasted list to the chat's people; writes nothing. */
  preview: (chatId: string, text: string) =>
    apiRequest(apiPath(ROUTES.chats.membersPreview, { chatId }), {
      method: 'POST',
      body: { text },
      parse: parseMemberListPreview,
    }),
  /** Marks the chosen people as joined; removes nobody. */
  commit: (chatId: string, personIds: string[]) =>
    apiRequest(apiPath(ROUTES.chats.membersCommit, { chatId }), {
      method: 'POST',
      body: { personIds },
      parse: parseMemberListResult,
    }),
};
