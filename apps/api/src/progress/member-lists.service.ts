import { Injectable } from '@nestjs/common';
import type { MemberListPreview, MemberListResult } from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { RequestValidationException } from '../common/validation';
import { matchMemberList } from './member-list';
import { ProgressRepository, type ChatMemberRow } from './progress.repository';
import { ProgressService } from './progress.service';

/**
 * A chat's member list, pasted by the teacher from MAX's or Sferum's web
 * version: names matched to the people who belong in the chat, then the
 * chosen ones marked as joined (source: the member list). Nobody is ever
 * removed; one transaction like every change.
 */
@Injectable()
export class MemberListsService {
  constructor(
    private readonly store: ProgressRepository,
    private readonly access: AccessPolicy,
    private readonly progress: ProgressService,
  ) {}

  async preview(auth: AuthContext, chatId: string, text: string): Promise<MemberListPreview> {
    return matchMemberList(text, await this.members(auth, chatId));
  }

  async commit(auth: AuthContext, chatId: string, personIds: string[]): Promise<MemberListResult> {
    const members = new Map((await this.members(auth, chatId)).map((member) => [member.personId, member]));
    const unknown = personIds.filter((id) => !members.has(id));
    if (unknown.length > 0)
      throw RequestValidationException.forField('personIds', `not people of this chat: ${unknown.join(', ')}`);
    const wanted = [...new Set(personIds)].filter((id) => !members.get(id)!.joined && !members.get(id)!.optedOut);
    const changed = await this.progress.apply(
      wanted.map((personId) => ({
        personId,
        change: { target: { chatId }, status: 'joined', blockerReason: null, blockerNote: null },
      })),
      { source: 'member_list', staffId: auth.userId },
    );
    return { joined: changed.length, unchanged: new Set(personIds).size - changed.length };
  }

  /** The chat's people the caller may mark: a class's chat by its teachers, the school chat by the school's admins. */
  private async members(auth: AuthContext, chatId: string): Promise<ChatMemberRow[]> {
    await this.access.requireAccess(auth, 'chat.work', chatId);
    return this.store.chatMembers(chatId);
  }
}
