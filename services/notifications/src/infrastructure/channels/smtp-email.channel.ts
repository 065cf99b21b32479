import { readFileSync } from 'node:fs';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { PermanentDeliveryFailure, type DeliveryChannel, type DeliveryReceipt, type OutboundMessage } from './delivery-channel';
import { smtpFailure } from './smtp-failure';

export interface SmtpTlsOptions {
  /** PEM file of the CA that signed the server's certificate (the local stand-in's self-signed one). */
  readonly caFile?: string;
  /** PEM text of that CA, when it comes from configuration rather than a file. */
  readonly ca?: string;
  /** Verify the server's certificate. Default true; turning it off is for local experiments only. */
  readonly rejectUnauthorized?: boolean;
  /** Name to verify the certificate against when it differs from `host` (e.g. "localhost"). */
  readonly servername?: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface SmtpEmailChannelOptions {
  readonly host: string;
  readonly port: number;
  /** The sender recipients see, e.g. `"Child Protection Conferences" <cpc@council.gov.uk>`. */
  readonly from: string;
  readonly replyTo?: string;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Port 465 style: TLS from the first byte instead of STARTTLS. Either way TLS is required. */
  readonly implicitTls?: boolean;
  readonly tls?: SmtpTlsOptions;
  readonly connectionTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  readonly socketTimeoutMs?: number;
  /**
   * Keep up to `connections` authenticated TLS connections open and send over them (nodemailer's pool), each
   * replaced after `maxMessages` messages, instead of a TCP connection, STARTTLS and AUTH per message. Every
   * pooled connection was made with the same `requireTLS`: a connection that did not get TLS carries nothing.
   */
  readonly pool?: { readonly connections: number; readonly maxMessages: number };
}

/**
 * Email through an SMTP relay over TLS only (R-DEL-PRO secure email; R-DEL-PAR the parents'
 * document). `requireTLS` makes nodemailer fail rather than send a single byte of the message in
 * plain text when STARTTLS is missing or fails: there is no fallback.
 */
export class SmtpEmailChannel implements DeliveryChannel {
  readonly name = 'smtp';
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly senderDomain: string;

  constructor(private readonly options: SmtpEmailChannelOptions) {
    const tls = options.tls ?? {};
    const ca = tls.ca ?? (tls.caFile ? readFileSync(tls.caFile, 'utf8') : undefined);
    this.transport = createTransport({
      ...(options.pool ? { pool: true, maxConnections: options.pool.connections, maxMessages: options.pool.maxMessages } : {}),
      host: options.host,
      port: options.port,
      secure: options.implicitTls ?? false,
      requireTLS: true,
      ignoreTLS: false,
      auth: options.auth ? { user: options.auth.user, pass: options.auth.pass } : undefined,
      tls: {
        ca,
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        servername: tls.servername,
        minVersion: tls.minVersion ?? 'TLSv1.2',
      },
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
    });
    this.senderDomain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'localhost';
  }

  async send(message: OutboundMessage): Promise<DeliveryReceipt> {
    if (message.kind !== 'EMAIL') {
      throw new PermanentDeliveryFailure('The SMTP channel sends email only', { channel: this.name, reason: 'UNSUPPORTED_MESSAGE' });
    }
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: this.options.from,
        replyTo: this.options.replyTo,
        to: message.to,
        subject: message.subject,
        text: message.body,
        // The same Message-ID on every attempt of one delivery lets mail systems drop a duplicate
        // when a retry follows a send whose outcome was unknown.
        messageId: `<${message.reference.replace(/[^\w.-]/g, '_')}@${this.senderDomain}>`,
        headers: { 'X-CPC-Delivery-Reference': message.reference },
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
    } catch (error) {
      throw smtpFailure(error);
    }
    if (info.rejected.length > 0) {
      throw new PermanentDeliveryFailure(`SMTP server rejected the recipient: ${info.response}`, {
        channel: this.name,
        reason: 'RECIPIENT_REJECTED',
      });
    }
    return { providerReference: info.messageId };
  }

  /** Closes pooled connections, if any; safe to call more than once. */
  close(): void {
    this.transport.close();
  }
}
