import { ServiceConfig } from '@cpc/config';
import { LOCAL_DELIVERY_PUBLIC_KEY } from '@cpc/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { availableParallelism } from 'node:os';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/** "id:base64key,id:base64key" → key id → 32-byte key. Throws naming what is wrong. */
export function parseKeyring(setting: string): Map<string, Buffer> {
  const keyring = new Map<string, Buffer>();
  for (const entry of setting.split(',')) {
    const [id, encoded] = entry.split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error(`key "${id}" must be 32 bytes, base64-encoded (AES-256)`);
    if (keyring.has(id)) throw new Error(`key id "${id}" is listed twice`);
    keyring.set(id, key);
  }
  return keyring;
}

/**
 * Local development key for documents at rest, so the stack starts with nothing configured.
 * Refused when NODE_ENV=production (crossCheck): a council sets its own keys.
 */
export const LOCAL_DOCUMENTS_KEY_ID = 'local';
export const LOCAL_DOCUMENTS_ENCRYPTION_KEYS = `${LOCAL_DOCUMENTS_KEY_ID}:bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1rZXktMzJieXQ=`;

/** Settings of the documents service; every field is an environment variable (README "Configuration"). */
export class DocumentsConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_documents';
  override KAFKA_CLIENT_ID = 'cpc-documents';
  override KAFKA_GROUP_ID = 'cpc-documents';

  /**
   * Keys for documents at rest (AES-256-GCM): "id:base64key[,id:base64key...]", each key 32 bytes.
   * Old keys stay listed so documents stored under them can still be read (each row names its key id).
   */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'DOCUMENTS_ENCRYPTION_KEYS must be id:base64key[,id:base64key...]',
  })
  DOCUMENTS_ENCRYPTION_KEYS = LOCAL_DOCUMENTS_ENCRYPTION_KEYS;

  /** The key id new documents are encrypted with; must be one of DOCUMENTS_ENCRYPTION_KEYS. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'DOCUMENTS_ACTIVE_KEY_ID may hold letters, digits, _ . - only' })
  DOCUMENTS_ACTIVE_KEY_ID = LOCAL_DOCUMENTS_KEY_ID;

  /** The notifications service's public key (PEM, base64): parents' passwords are sealed for it (R-DEL-PWD). */
  @IsString()
  @MinLength(100)
  DELIVERY_PUBLIC_KEY = LOCAL_DELIVERY_PUBLIC_KEY;

  /**
   * Worker threads that redact, render and encrypt the copies of a circulation (issue 15): by default
   * one per core but the one the event loop runs on, at least one.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  @Transform(toInt)
  DOCUMENT_WORKERS = Math.max(1, availableParallelism() - 1);

  /** Tasks (one per circulation plus one per parent copy) that may wait for a worker; beyond it POST .../circulation is a 503 with Retry-After. */
  @IsInt()
  @Min(0)
  @Max(10000)
  @Transform(toInt)
  DOCUMENT_WORKER_QUEUE = 64;

  override crossCheck(): string[] {
    const problems = super.crossCheck();
    try {
      const keyring = parseKeyring(this.DOCUMENTS_ENCRYPTION_KEYS);
      if (!keyring.has(this.DOCUMENTS_ACTIVE_KEY_ID)) {
        problems.push(`DOCUMENTS_ACTIVE_KEY_ID: "${this.DOCUMENTS_ACTIVE_KEY_ID}" is not in DOCUMENTS_ENCRYPTION_KEYS`);
      }
    } catch (error) {
      problems.push(`DOCUMENTS_ENCRYPTION_KEYS: ${(error as Error).message}`);
    }
    if (this.NODE_ENV === 'production') {
      if (this.DOCUMENTS_ENCRYPTION_KEYS.split(',').includes(LOCAL_DOCUMENTS_ENCRYPTION_KEYS)) {
        problems.push('DOCUMENTS_ENCRYPTION_KEYS: the local development key must not be used in production');
      }
      if (this.DELIVERY_PUBLIC_KEY === LOCAL_DELIVERY_PUBLIC_KEY) {
        problems.push('DELIVERY_PUBLIC_KEY: the local development key must not be used in production');
      }
    }
    return problems;
  }
}
