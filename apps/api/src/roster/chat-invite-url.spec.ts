import { MAX_PATH, VK_PATH } from '@sferum/contracts';
import { RequestValidationException } from '../common/validation';
import { checkInviteUrl, parseInviteHosts } from './chat-invite-url';

const none = new Map<string, string[]>();

describe('chat invitation links', () => {
  it('takes https links on the hosts of the school’s path', () => {
    expect(checkInviteUrl('https://max.ru/join/DQJsHDoQ0rxT-gDAfz7WkXgN426ROLxWf', MAX_PATH, none)).toBe(
      'https://max.ru/join/DQJsHDoQ0rxT-gDAfz7WkXgN426ROLxWf',
    );
    expect(checkInviteUrl(' https://vk.me/join/AJQ1d7fBUBM_800lhEe_AwJj ', VK_PATH, none)).toBe(
      'https://vk.me/join/AJQ1d7fBUBM_800lhEe_AwJj',
    );
    expect(checkInviteUrl('https://sferum.ru/?p=messages&join=Y3YK9q6lMAzs=', VK_PATH, none)).toBe(
      'https://sferum.ru/?p=messages&join=Y3YK9q6lMAzs=',
    );
  });

  it.each([
    ['http://max.ru/join/abc', 'not https'],
    ['https://max.ru.evil.example/join/abc', 'a look-alike host'],
    ['https://evilmax.ru/join/abc', 'a host ending like it'],
    ['https://vk.me/join/abc', 'another path’s host'],
    ['https://user:pw@max.ru/join/abc', 'credentials'],
    ['javascript:alert(1)', 'a script'],
    ['max.ru/join/abc', 'no scheme'],
    [`https://max.ru/join/${'a'.repeat(600)}`, 'too long'],
  ])('refuses %s (%s), naming url', (input) => {
    try {
      checkInviteUrl(input, MAX_PATH, none);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(RequestValidationException);
      expect((error as RequestValidationException).details.map((d) => d.field)).toEqual(['url']);
    }
  });

  it('lets configuration replace a path’s hosts', () => {
    const hosts = parseInviteHosts('max=chats.region.example;vk=vk.me');
    expect(checkInviteUrl('https://chats.region.example/j/1', MAX_PATH, hosts)).toBe(
      'https://chats.region.example/j/1',
    );
    expect(() => checkInviteUrl('https://max.ru/join/1', MAX_PATH, hosts)).toThrow(RequestValidationException);
  });
});
