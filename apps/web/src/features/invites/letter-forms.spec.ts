import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, VK_PATH } from '@sferum/contracts';
import { ApiError } from '../../api/api-error';
import {
  canEditChatLink,
  chatLinkProblem,
  checkChatLinkInput,
  checkParentInfo,
  inviteLinkExample,
  parentInfoProblems,
  parentInfoRequest,
} from './letter-forms';

const badRequest = (field: string) =>
  new ApiError(400, {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    details: [{ field, messages: ['bad'] }],
  });

describe('checkChatLinkInput', () => {
  it('takes an https link, trimmed', () => {
    expect(checkChatLinkInput('  https://max.ru/join/AbC123  ')).toEqual({ url: 'https://max.ru/join/AbC123' });
  });

  it('reads an empty field as removing the link', () => {
    expect(checkChatLinkInput('   ')).toEqual({ url: null });
  });

  it('refuses an http link and text that is no link before sending', () => {
    expect(checkChatLinkInput('http://max.ru/join/x')).toEqual({ kind: 'notInvite' });
    expect(checkChatLinkInput('max.ru/join/x')).toEqual({ kind: 'notInvite' });
  });
});

describe('chatLinkProblem', () => {
  it('reads a 400 naming url as not an invitation link', () => {
    expect(chatLinkProblem(badRequest('url'))).toEqual({ kind: 'notInvite' });
  });

  it('reads a 403 as the school chat being the school admins’', () => {
    expect(chatLinkProblem(new ApiError(403))).toEqual({ kind: 'schoolAdminsOnly' });
  });

  it('reads a 404 as a chat that is gone, and the rest by the general messages', () => {
    expect(chatLinkProblem(new ApiError(404))).toEqual({ kind: 'gone' });
    expect(chatLinkProblem(new ApiError(0))).toEqual({ kind: 'general', key: 'network' });
    expect(chatLinkProblem(badRequest('other'))).toEqual({ kind: 'general', key: 'invalid' });
  });
});

describe('inviteLinkExample', () => {
  it('names the first invitation host of the school’s path', () => {
    expect(inviteLinkExample(MAX_PATH)).toBe('https://max.ru/…');
    expect(inviteLinkExample(VK_PATH)).toBe('https://vk.me/…');
  });
});

describe('canEditChatLink', () => {
  it('lets a teacher link the class and subject chats but not the school chat, which a school admin may', () => {
    expect(canEditChatLink({ kind: 'class' }, 'teacher')).toBe(true);
    expect(canEditChatLink({ kind: 'subject' }, 'teacher')).toBe(true);
    expect(canEditChatLink({ kind: 'school' }, 'teacher')).toBe(false);
    expect(canEditChatLink({ kind: 'school' }, 'school_admin')).toBe(true);
  });
});

describe('the contact and deadline form', () => {
  it('sends empty fields as null, the contact trimmed', () => {
    expect(parentInfoRequest({ parentContact: '  ', deadline: '' })).toEqual({ parentContact: null, deadline: null });
    expect(parentInfoRequest({ parentContact: ' каб. 21 ', deadline: '2026-12-20' })).toEqual({
      parentContact: 'каб. 21',
      deadline: '2026-12-20',
    });
  });

  it('refuses a contact over 300 characters and a day the calendar lacks', () => {
    expect(checkParentInfo({ parentContact: 'я'.repeat(301), deadline: '2026-02-30' })).toEqual({
      parentContact: 'contactTooLong',
      deadline: 'deadlineInvalid',
    });
    expect(checkParentInfo({ parentContact: 'я'.repeat(300), deadline: '' })).toEqual({});
  });

  it('names the fields of the API’s 400', () => {
    expect(parentInfoProblems(badRequest('deadline'))).toEqual({ deadline: 'deadlineInvalid' });
    expect(parentInfoProblems(badRequest('parentContact'))).toEqual({ parentContact: 'contactTooLong' });
    expect(parentInfoProblems(new ApiError(500))).toEqual({});
  });
});
