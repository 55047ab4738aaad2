import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { formatShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from '@sferum/contracts';
import { createHash, createHmac } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { InvitesRepository } from './invites.repository';
import { TokenCipher } from './token-cipher';

const BITS_PER_SYMBOL = 5;
const BACKFILL_BATCH = 500;

/**
 * The secrets of a parent link: its token, kept encrypted so the teacher can
 * show it again, and its short code. The code is derived from the token with
 * a key of its own (HMAC), so it needs no second ciphertext: the teacher's
 * page computes it again, and the database keeps only its SHA-256 to find the
 * link by it. Regenerating or revoking the link ends both.
 */
@Injectable()
export class LinkSecrets implements OnApplicationBootstrap {
  private readonly cipher: TokenCipher;
  private readonly codeKey: Buffer;
  private readonly logger = new Logger(LinkSecrets.name);

  constructor(
    config: AppConfig,
    private readonly invites: InvitesRepository,
  ) {
    this.cipher = new TokenCipher(config.INVITE_ENCRYPTION_KEY);
    this.codeKey = createHmac('sha256', Buffer.from(config.INVITE_ENCRYPTION_KEY, 'base64'))
      .update('parent-link short code')
      .digest();
  }

  encrypt(token: string): Buffer {
    return this.cipher.encrypt(token);
  }

  decrypt(blob: Buffer): string {
    return this.cipher.decrypt(blob);
  }

  /** The 12-symbol code of a token (unformatted). */
  codeOf(token: string): string {
    const digest = createHmac('sha256', this.codeKey).update(token, 'utf8').digest();
    let bits = 0n;
    for (const byte of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
    let code = '';
    for (let i = 0; i < SHORT_CODE_LENGTH; i += 1) {
      code += SHORT_CODE_ALPHABET[Number((bits >> BigInt(64 - BITS_PER_SYMBOL * (i + 1))) & 31n)];
    }
    return code;
  }

  formattedCodeOf(token: string): string {
    return formatShortCode(this.codeOf(token));
  }

  codeHash(code: string): Buffer {
    return createHash('sha256').update(`code:${code}`, 'utf8').digest();
  }

  /** Links issued before short codes existed get theirs at start-up, in batches. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      for (;;) {
        const links = await this.invites.withoutCodeHash(BACKFILL_BATCH);
        if (links.length === 0) return;
        await this.invites.setCodeHashes(
          links.map((link) => link.id),
          links.map((link) => this.codeHash(this.codeOf(this.decrypt(link.tokenEncrypted)))),
        );
      }
    } catch (error) {
      // A database that is down at start must not stop the API; the next start tries again.
      this.logger.warn(
        `Short codes of older links not filled in: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
