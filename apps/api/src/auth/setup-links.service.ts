import { Injectable } from '@nestjs/common';
import type { SetupLink } from '@sferum/contracts';
import { EntityManager } from 'typeorm';
import { SetupLinksRepository, type SetupLinkOwner } from './setup-links.repository';
import { hashToken, looksLikeToken, newToken } from './tokens';

const SETUP_LINK_VALID_DAYS = 7;

/**
 * One-time links with which a new staff member (or one who lost their
 * password) chooses a password: valid 7 days, single use, only the newest
 * one of a user works.
 */
@Injectable()
export class SetupLinksService {
  constructor(private readonly links: SetupLinksRepository) {}

  async issue(staffUserId: string, manager: EntityManager): Promise<SetupLink> {
    const token = newToken();
    await this.links.deleteUnusedFor(manager, staffUserId);
    const expiresAt = await this.links.insert(manager, hashToken(token), staffUserId, SETUP_LINK_VALID_DAYS);
    return { path: `/setup/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /** Whose link this is, if it is still usable; it stays usable. */
  async peek(token: string): Promise<SetupLinkOwner | undefined> {
    if (!looksLikeToken(token)) {
      return undefined;
    }
    return this.links.findUsableOwner(hashToken(token));
  }

  /** Marks the link used, atomically: of two concurrent uses only one gets the user id. */
  async consume(token: string, manager: EntityManager): Promise<string | undefined> {
    if (!looksLikeToken(token)) {
      return undefined;
    }
    return this.links.markUsed(manager, hashToken(token));
  }

  async revokeAllFor(staffUserId: string, manager: EntityManager): Promise<void> {
    await this.links.deleteUnusedFor(manager, staffUserId);
  }
}
