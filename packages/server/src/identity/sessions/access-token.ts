import { jwtVerify, SignJWT } from 'jose';

export interface AccessTokenClaims {
  userId: string;
  role: string;
}

export interface AccessTokenSigner {
  sign(claims: AccessTokenClaims, nowMs: number): Promise<string>;
  /** Returns the claims, or undefined for a bad signature, wrong type or an expired token. */
  verify(token: string, nowMs: number): Promise<AccessTokenClaims | undefined>;
  ttlSeconds: number;
}

/** HS256 access tokens. The key is derived from the master key, so nothing else needs configuring. */
export function createAccessTokenSigner(options: { key: Uint8Array; ttlSeconds: number }): AccessTokenSigner {
  return {
    ttlSeconds: options.ttlSeconds,
    async sign(claims, nowMs) {
      const issuedAt = Math.floor(nowMs / 1000);
      return new SignJWT({ role: claims.role, typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.ttlSeconds)
        .setIssuer('switchyard')
        .sign(options.key);
    },
    async verify(token, nowMs) {
      try {
        const { payload } = await jwtVerify(token, options.key, {
          algorithms: ['HS256'],
          issuer: 'switchyard',
          currentDate: new Date(nowMs),
        });
        if (payload.typ !== 'access' || typeof payload.sub !== 'string') return undefined;
        return { userId: payload.sub, role: String(payload.role) };
      } catch {
        return undefined;
      }
    },
  };
}
