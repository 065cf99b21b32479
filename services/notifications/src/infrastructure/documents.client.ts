import { ClientCredentialsTokenSource, signDevelopmentToken, TokenEndpointUnavailable, TokenRequestRefused } from '@cpc/http';
import type { NotificationsConfig } from '../notifications.config';
import { TemporaryDeliveryFailure, PermanentDeliveryFailure, type DocumentAttachment } from './channels/delivery-channel';

/** The scope a read of one document needs (documents' GET /api/v1/documents/{id}). */
export const DOCUMENTS_READ_SCOPE = 'documents:read';

/**
 * How this service proves who it is to documents: its own client credentials at the identity provider
 * (AUTH_CLIENT_ID; production), or, locally and in tests, an HS256 development token (AUTH_JWT_SECRET).
 */
export type DocumentsAccess = { clientCredentials: ClientCredentialsTokenSource } | { developmentSecret: string };

/** Client credentials when AUTH_CLIENT_ID is set (the config requires it in production), else the development token. */
export function documentsAccessOf(config: NotificationsConfig): DocumentsAccess {
  if (!config.AUTH_CLIENT_ID) return { developmentSecret: config.AUTH_JWT_SECRET };
  return {
    clientCredentials: new ClientCredentialsTokenSource({
      tokenUrl: config.AUTH_CLIENT_TOKEN_URL,
      issuer: config.AUTH_ISSUER,
      clientId: config.AUTH_CLIENT_ID,
      clientSecret: config.clientSecret() ?? '',
      resource: config.AUTH_AUDIENCE,
    }),
  };
}

/**
 * Fetches the document a DeliveryRequested names from the documents service, as SYSTEM with the
 * documents:read scope for the document's local authority (every read is audited there). With client
 * credentials the token is asked for with `la` = that authority, which the provider issues only for the
 * authorities this client may act for. A token that cannot be had is a temporary failure (the send is
 * retried with its backoff), never a crash.
 */
export class DocumentsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly access: DocumentsAccess,
  ) {}

  async fetch(documentId: string, localAuthority: string): Promise<DocumentAttachment> {
    const token = await this.token(localAuthority);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/api/v1/documents/${documentId}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new TemporaryDeliveryFailure(`the documents service did not answer: ${(error as Error).message}`, {
        channel: 'documents',
        reason: 'PROVIDER_UNAVAILABLE',
      });
    }
    if (response.status === 404 || response.status === 403) {
      throw new PermanentDeliveryFailure(`document ${documentId} is not available (${response.status})`, {
        channel: 'documents',
        reason: 'MESSAGE_REJECTED',
        providerCode: response.status,
      });
    }
    if (response.status === 401 && 'clientCredentials' in this.access) {
      // Revoked, or signed with a key documents does not have yet: ask for a new one next time.
      this.access.clientCredentials.invalidate({ scope: DOCUMENTS_READ_SCOPE, localAuthority });
    }
    if (!response.ok) {
      throw new TemporaryDeliveryFailure(`the documents service answered ${response.status}`, {
        channel: 'documents',
        reason: 'PROVIDER_ERROR',
        providerCode: response.status,
      });
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${documentId}.docx`;
    return {
      filename,
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      content: Buffer.from(await response.arrayBuffer()),
    };
  }

  private async token(localAuthority: string): Promise<string> {
    if ('developmentSecret' in this.access) {
      return signDevelopmentToken(
        this.access.developmentSecret,
        { sub: 'notifications-service', roles: ['SYSTEM'], la: localAuthority, scope: DOCUMENTS_READ_SCOPE },
        300,
      );
    }
    try {
      return await this.access.clientCredentials.token({ scope: DOCUMENTS_READ_SCOPE, localAuthority });
    } catch (error) {
      if (error instanceof TokenEndpointUnavailable) {
        throw new TemporaryDeliveryFailure(`no token to read documents: ${error.message}`, {
          channel: 'documents',
          reason: 'PROVIDER_UNAVAILABLE',
          providerCode: error.status,
        });
      }
      if (error instanceof TokenRequestRefused) {
        // Our own client's configuration (its secret, or the authorities it may act for), not the message:
        // retried with the send's backoff, so a fix at the provider lets it go; then failed and alerted.
        throw new TemporaryDeliveryFailure(`no token to read documents: ${error.message}`, {
          channel: 'documents',
          reason: 'AUTHENTICATION',
          providerCode: error.error,
        });
      }
      throw error;
    }
  }
}
