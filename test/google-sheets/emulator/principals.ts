import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';

const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

const jwtHeaderSchema = z.object({ alg: z.literal('RS256') });
const jwtClaimsSchema = z.object({
  iss: z.string(),
  exp: z.number(),
  scope: z.string().optional(),
  aud: z.string().optional(),
});

/**
 * Who may call the emulator: static test tokens, and service accounts whose self-signed JWTs
 * (RS256, as google-auth-library signs them) are verified against their public keys.
 */
export class Principals {
  private readonly tokens = new Map<string, string>();
  private readonly serviceAccounts = new Map<string, KeyObject>();

  /** Accepts `Bearer <token>` as the principal `name`. */
  addStaticToken(token: string, name: string): void {
    this.tokens.set(token, name);
  }

  /** Accepts JWTs issued by `email` and signed with the private half of `publicKeyPem`. */
  addServiceAccount(email: string, publicKeyPem: string): void {
    this.serviceAccounts.set(email, createPublicKey(publicKeyPem));
  }

  /** The calling principal, or Google's 401 when the credentials are missing or invalid. */
  authenticate(authorization: string | undefined, nowMs: number): string {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const principal = token === undefined ? undefined : (this.tokens.get(token) ?? this.verifyJwt(token, nowMs));
    if (principal === undefined) {
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    return principal;
  }

  private verifyJwt(token: string, nowMs: number): string | undefined {
    const [header, claims, signature] = token.split('.');
    if (header === undefined || claims === undefined || signature === undefined) return undefined;
    const parsedHeader = jwtHeaderSchema.safeParse(decodeSegment(header));
    const parsedClaims = jwtClaimsSchema.safeParse(decodeSegment(claims));
    if (!parsedHeader.success || !parsedClaims.success) return undefined;
    const key = this.serviceAccounts.get(parsedClaims.data.iss);
    if (!key) return undefined;
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature, 'base64url'));
    const scoped =
      (parsedClaims.data.scope ?? '').split(' ').includes(SHEETS_SCOPE) ||
      (parsedClaims.data.aud ?? '').startsWith('https://sheets.googleapis.com');
    const fresh = parsedClaims.data.exp * 1000 > nowMs;
    return signed && scoped && fresh ? parsedClaims.data.iss : undefined;
  }
}

function decodeSegment(segment: string): unknown {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed;
  } catch {
    return undefined;
  }
}
