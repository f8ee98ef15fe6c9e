import { type RawBuilder, sql } from 'kysely';

/**
 * An epoch-ms bound parameter typed as bigint. In arithmetic such as `$1 + lease_ttl_s * 1000`
 * PostgreSQL infers the parameter's type from the integer column and rejects values past 2^31.
 */
export const epochMsSql = (ms: number): RawBuilder<number> => sql<number>`cast(${ms} as bigint)`;
