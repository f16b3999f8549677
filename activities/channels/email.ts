import { createTransport } from 'nodemailer';
import type { EmailConfig } from '../../config/notice-channels';
import type { Channel, NoticeMessage, SendResult } from './channel';
import { escapeHtml } from '../../render/html';

/** The e-mail of a notice: plain text and HTML saying the same, with the link back to the object. */
export function composeEmail(m: NoticeMessage): { subject: string; text: string; html: string } {
  const text = [
    m.body,
    '',
    ...(m.link ? [`在合力平台中查看 (open in Heli): ${m.link}`, ''] : []),
    '—— 合力监督平台（系统发送，请勿回复）',
  ];
  const html =
    `<!doctype html><html lang="zh-CN"><body>` +
    `<p>${escapeHtml(m.body).replace(/\n/g, '<br>')}</p>` +
    (m.link ? `<p><a href="${escapeHtml(m.link)}">在合力平台中查看</a></p>` : '') +
    `<p style="color:#888">合力监督平台（系统发送，请勿回复）</p></body></html>`;
  // Titles already bracketed (【逾期催办】…) say what they are; others are marked as Heli's.
  const subject = m.title.startsWith('【') ? m.title : `【合力】${m.title}`;
  return { subject, text: text.join('\n'), html };
}

/**
 * E-mail over SMTP (nodemailer): TLS from the start or STARTTLS, with authentication when configured; the subject
 * is MIME-encoded (RFC 2047) as UTF-8. The settings are asked for at every send, so a rotated password applies at
 * once. A 5xx answer to the recipient is permanent (the address is wrong); anything else is tried again.
 */
export function emailChannel(settings: () => EmailConfig | undefined): Channel {
  return {
    async send(m: NoticeMessage, address: string): Promise<SendResult> {
      const c = settings();
      if (!c) return { outcome: 'RETRY', error: 'e-mail is not configured' };
      const transport = createTransport({
        host: c.host,
        port: c.port,
        secure: c.secure,
        requireTLS: c.requireTLS,
        ...(c.user && c.password && { auth: { user: c.user, pass: c.password.reveal() } }),
        ...(c.allowUnverifiedCertificate && { tls: { rejectUnauthorized: false } }),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
      try {
        const mail = composeEmail(m);
        await transport.sendMail({
          from: c.from,
          to: address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-Heli-Delivery-Id': m.id },
        });
        return { outcome: 'DELIVERED' };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        const error = `SMTP ${c.host}:${c.port}: ${(e.message ?? String(err)).slice(0, 300)}`;
        return e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode !== 535
          ? { outcome: 'PERMANENT', error }
          : { outcome: 'RETRY', error };
      } finally {
        transport.close();
      }
    },
  };
}
