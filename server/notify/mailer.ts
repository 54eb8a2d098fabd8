import nodemailer from 'nodemailer';

/** One email to one person, in plain text. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends email; the notifier is given one only when SMTP is configured. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A mailer over SMTP (`SMTP_URL`, e.g. `smtps://user:password@smtp.example.com:465`), sending as `SMTP_FROM`. */
export function smtpMailer(smtp: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(smtp.url);
  return {
    async send(mail) {
      await transport.sendMail({ from: smtp.from, ...mail });
    },
    close: () => transport.close(),
  };
}
