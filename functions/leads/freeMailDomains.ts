/**
 * Consumer e-mail providers: a lead with such an address gives no company to grade, and in
 * B2B it is a disqualifier by default. Checked in SQL so every engine agrees.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'hotmail.com',
  'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com',
  'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.com',
  'yandex.ru', 'mail.ru', 'zoho.com', 'qq.com', '163.com', 'fastmail.com', 'tutanota.com', 'orange.fr', 'free.fr',
  'laposte.net', 't-online.de', 'libero.it', 'comcast.net', 'verizon.net', 'att.net',
];

/** Export status values (lower-case) and the canonical lead status they mean; others are open. */
export const LEAD_STATUS_MAP: readonly (readonly [string, 'converted' | 'disqualified'])[] = [
  ['converted', 'converted'], ['won', 'converted'], ['closed won', 'converted'], ['customer', 'converted'],
  ['disqualified', 'disqualified'], ['unqualified', 'disqualified'], ['lost', 'disqualified'],
  ['closed lost', 'disqualified'], ['junk', 'disqualified'], ['spam', 'disqualified'],
];
