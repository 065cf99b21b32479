import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import {
  PermanentDeliveryFailure,
  TemporaryDeliveryFailure,
  type DeliveryChannel,
  type DeliveryReceipt,
  type OutboundMessage,
} from './delivery-channel';
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
   * The most one send may take, whatever happens on the connection; default: the connection, greeting and socket
   * timeouts together. nodemailer's pool can keep a message queued while it reconnects; a send slot is never held
   * for ever. Past it the failure is TEMPORARY with the outcome unknown (the same Message-ID goes on the retry).
   */
  readonly sendTimeoutMs?: number;
  /**
   * Keep up to `connections` authenticated TLS connections open and send over them (nodemailer's pool), each
   * replaced after `maxMessages` messages, instead of a TCP connection, STARTTLS and AUTH per message. Every
   * pooled connection was made with the same `requireTLS`: a connection that did not get TLS carries nothing.
   */
  readonly pool?: { readonly connections: number; readonly maxMessages: number };
}

/**
 * nodemailer's `getSocket`: the TCP connection to the relay, made here with Nagle's algorithm off. nodemailer's
 * own connection keeps it on, and its small writes of a message then wait for the server's delayed
 * acknowledgement: 48 ms a message on one connection to the local stand-in, 3.9 ms with this (issue 15 item 5).
 * The socket is handed over at once, still connecting, as nodemailer's own would be: a refused or failed connect
 * reaches nodemailer's socket handlers (ESOCKET at CONN, TEMPORARY, nothing sent) and a pooled connection that
 * fails is removed from the pool as nodemailer's own is; the greeting timeout bounds a connect that hangs.
 * STARTTLS (or implicit TLS) and AUTH then run on this socket exactly as on nodemailer's own.
 */
export function connectWithoutDelay(host: string, port: number) {
  return (_options: unknown, callback: (error: Error | null, socketOptions?: { connection: Socket }) => void): void => {
    const socket = connect({ host, port, noDelay: true });
    socket.setKeepAlive(true);
    callback(null, { connection: socket });
  };
}

/**
 * Email through an SMTP relay over TLS only (R-DEL-PRO secure email; R-DEL-PAR the parents'
 * document). `requireTLS` makes nodemailer fail rather than send a single byte of the message in
 * plain text when STARTTLS is missing or fails: there is no fallback.
 */
export class SmtpEmailChannel implements DeliveryChannel {
  readonly name = 'smtp';
  private transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly makeTransport: () => Transporter<SMTPTransport.SentMessageInfo>;
  private readonly senderDomain: string;
  private readonly sendTimeoutMs: number;

  constructor(private readonly options: SmtpEmailChannelOptions) {
    const tls = options.tls ?? {};
    const ca = tls.ca ?? (tls.caFile ? readFileSync(tls.caFile, 'utf8') : undefined);
    const connectionTimeout = options.connectionTimeoutMs ?? 10_000;
    const greetingTimeout = options.greetingTimeoutMs ?? 10_000;
    const socketTimeout = options.socketTimeoutMs ?? 30_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? connectionTimeout + greetingTimeout + socketTimeout;
    this.makeTransport = () =>
      createTransport({
        ...(options.pool ? { pool: true, maxConnections: options.pool.connections, maxMessages: options.pool.maxMessages } : {}),
        getSocket: connectWithoutDelay(options.host, options.port),
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
        connectionTimeout,
        greetingTimeout,
        socketTimeout,
      });
    this.transport = this.makeTransport();
    this.senderDomain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'localhost';
  }

  async send(message: OutboundMessage): Promise<DeliveryReceipt> {
    if (message.kind !== 'EMAIL') {
      throw new PermanentDeliveryFailure('The SMTP channel sends email only', { channel: this.name, reason: 'UNSUPPORTED_MESSAGE' });
    }
    let info: SMTPTransport.SentMessageInfo;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A pool keeps the message queued (or in flight) past this: the pool is replaced and closed, which fails
        // what it still holds, so no copy waits in it to go out later beside the retry's.
        if (this.options.pool) {
          const stuck = this.transport;
          this.transport = this.makeTransport();
          stuck.close();
        }
        reject(
          new TemporaryDeliveryFailure(`SMTP send did not finish within ${this.sendTimeoutMs} ms`, {
            channel: this.name,
            reason: 'TIMEOUT',
            outcomeUnknown: true,
          }),
        );
      }, this.sendTimeoutMs);
    });
    try {
      info = await Promise.race([
        this.transport.sendMail({
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
        }),
        deadline,
      ]);
    } catch (error) {
      throw error instanceof TemporaryDeliveryFailure ? error : smtpFailure(error);
    } finally {
      clearTimeout(timer);
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
