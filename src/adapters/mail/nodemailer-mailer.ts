import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMessage } from '../../app/ports.ts';

/** How to reach the SMTP server. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** True for implicit TLS (usually port 465); otherwise STARTTLS is used when offered. */
  secure: boolean;
  user: string | null;
  password: string | null;
}

function toMail(from: string, message: OutgoingMessage) {
  return {
    from,
    to: { name: message.to.name, address: message.to.email },
    subject: message.subject,
    text: message.text,
    ...(message.replyTo
      ? { replyTo: { name: message.replyTo.name, address: message.replyTo.email } }
      : {}),
    ...(message.headers ? { headers: message.headers } : {}),
  };
}

/**
 * Explains a failed SMTP delivery in words an organizer can act on, keeping the mail server's
 * own reply (such as "550 No such user") for whoever looks into it.
 */
export function describeSmtpError(error: unknown): string {
  const { code, responseCode, response, message } = (error ?? {}) as {
    code?: string;
    responseCode?: number;
    response?: string;
    message?: string;
  };
  const said = response ? ` The mail server said: ${response.trim()}` : '';
  switch (code) {
    case 'EAUTH':
      return `The mail server refused Convene's user name or password (SMTP_USER, SMTP_PASSWORD).${said}`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'ETLS':
      return `Convene could not connect to the mail server (${message ?? code}). Check SMTP_HOST, SMTP_PORT and SMTP_SECURE.`;
    case 'ETIMEDOUT':
      return 'The mail server did not answer in time.';
    case 'EENVELOPE':
      return responseCode !== undefined && responseCode < 500
        ? `The mail server could not accept this address for now.${said}`
        : `The mail server refused this email address.${said}`;
  }
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500)
    return `The mail server asked Convene to try again later.${said}`;
  if (responseCode !== undefined && responseCode >= 500)
    return `The mail server refused the email.${said}`;
  return `The email could not be sent: ${message ?? String(error)}`;
}

/** Sends mail through an SMTP server with nodemailer. */
export function createSmtpMailer(settings: SmtpSettings, from: string): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail(toMail(from, message));
        return { messageId: info.messageId };
      } catch (error) {
        throw new Error(describeSmtpError(error), { cause: error });
      }
    },
  };
}

/**
 * Writes each message as an .eml file into a folder instead of sending it: the embedded
 * default, so a newcomer can sign in without a mail server. File names sort by time.
 */
export function createOutboxMailer(
  folder: string,
  from: string,
  now: () => Date = () => new Date(),
): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  let sequence = 0;
  return {
    async send(message) {
      mkdirSync(folder, { recursive: true });
      const info = await transport.sendMail(toMail(from, message));
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      sequence = (sequence + 1) % 1000;
      const safeTo = message.to.email.replace(/[^a-z0-9@._-]/gi, '_');
      const file = `${stamp}-${String(sequence).padStart(3, '0')}-${safeTo}.eml`;
      writeFileSync(join(folder, file), info.message as Buffer);
      return { messageId: info.messageId };
    },
  };
}
