import type { OnboardingPath } from '@sferum/contracts';
import { RequestValidationException } from '../common/validation';

/** The CHAT_INVITE_HOSTS setting: hosts per path id, replacing the catalogue's for the paths it names. */
export function parseInviteHosts(setting: string): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  for (const entry of setting.split(';').filter(Boolean)) {
    const [pathId, list] = entry.split('=');
    if (pathId === undefined || list === undefined)
      throw new Error(`CHAT_INVITE_HOSTS: "${entry}" is not pathId=host,host`);
    hosts.set(pathId, list.split(','));
  }
  return hosts;
}

/**
 * A chat invitation link as the school may paste it: https, on a host of the
 * school's path (the host itself, not a look-alike that merely ends with it),
 * no user name or password in it, at most 500 characters. Else a 400 naming `url`.
 */
export function checkInviteUrl(input: string, path: OnboardingPath, overrides: Map<string, string[]>): string {
  const hosts = overrides.get(path.id) ?? path.inviteHosts;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw RequestValidationException.forField('url', 'url must be a link such as https://max.ru/join/…');
  }
  if (url.protocol !== 'https:') throw RequestValidationException.forField('url', 'url must start with https://');
  if (url.username || url.password)
    throw RequestValidationException.forField('url', 'url must not carry a user name or password');
  if (!hosts.includes(url.hostname)) {
    throw RequestValidationException.forField(
      'url',
      `url must be an invitation link of ${path.appName.en}: ${hosts.join(', ')}`,
    );
  }
  const normalized = url.toString();
  if (normalized.length > 500) throw RequestValidationException.forField('url', 'url must be at most 500 characters');
  return normalized;
}
