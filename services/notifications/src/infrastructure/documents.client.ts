import { signDevelopmentToken } from '@cpc/http';
import { TemporaryDeliveryFailure, PermanentDeliveryFailure, type DocumentAttachment } from './channels/delivery-channel';

/**
 * Fetches the document a DeliveryRequested names from the documents service, as SYSTEM with the
 * documents:read scope (every read is audited there). Locally the token is signed with the shared
 * development secret; with a council identity provider (AUTH_JWKS_URL) the service's own
 * credential replaces it.
 */
export class DocumentsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly jwtSecret: string,
  ) {}

  async fetch(documentId: string, localAuthority: string): Promise<DocumentAttachment> {
    const token = signDevelopmentToken(
      this.jwtSecret,
      { sub: 'notifications-service', roles: ['SYSTEM'], la: localAuthority, scope: 'documents:read' },
      300,
    );
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
}
