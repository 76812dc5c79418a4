/** What the bot says, in Spanish and English. Plain text: nothing here is parsed as HTML. */
export interface BotTexts {
  help: string;
  askDocument: string;
  linked: (name: string, tenant: string) => string;
  alreadyLinked: (name: string) => string;
  badLink: string;
  documentNotFound: (left: number) => string;
  locked: (minutes: number) => string;
  notLinked: string;
  stopped: string;
  status: (unread: number, lines: string[]) => string;
  recorded: (label: string) => string;
  alreadyAnswered: (label: string) => string;
  nothingToAnswer: string;
  unknownChoice: (max: number) => string;
  gone: string;
}

const es: BotTexts = {
  help:
    'Recibo aquí tus avisos.\n' +
    '/start – vincular este chat\n/status – avisos sin leer y los últimos cinco\n' +
    '/stop – dejar de recibir avisos aquí\n/help – esta ayuda\n' +
    'Responde con el número de una opción (1, 2…) para contestar el último aviso.',
  askDocument: 'Hola. Para vincular este chat, envíame tu número de documento (cédula).',
  linked: (name, tenant) => `Listo${name ? `, ${name}` : ''}: recibirás aquí los avisos de ${tenant}.`,
  alreadyLinked: (name) =>
    `Este chat ya está vinculado${name ? ` a ${name}` : ''}. Escribe /help para ver qué puedo hacer.`,
  badLink:
    'Este enlace ya no es válido (caducó o ya se usó). Pide uno nuevo, o escribe /start y tu número de documento.',
  documentNotFound: (left) =>
    `No encontré ese número de documento. Revísalo e inténtalo de nuevo${left > 0 ? ` (${left === 1 ? 'te queda 1 intento' : `te quedan ${left} intentos`})` : ''}, o pide a tu empresa un enlace de vinculación.`,
  locked: (minutes) => `Demasiados intentos. Vuelve a intentarlo en ${minutes} min.`,
  notLinked: 'Este chat no está vinculado. Escribe /start para vincularlo.',
  stopped: 'Listo: ya no recibirás avisos en este chat. Escribe /start para volver a vincularlo.',
  status: (unread, lines) =>
    `Avisos sin leer: ${unread}` +
    (lines.length ? `\n\nÚltimos avisos:\n${lines.join('\n')}` : '\n\nNo tienes avisos.'),
  recorded: (label) => `Respuesta registrada: ${label}. ¡Gracias!`,
  alreadyAnswered: (label) => `Este aviso ya fue respondido (${label}); no se registró otra respuesta.`,
  nothingToAnswer: 'No hay ningún aviso pendiente de respuesta.',
  unknownChoice: (max) => `Responde con un número del 1 al ${max}.`,
  gone: 'Ese aviso ya no está disponible.',
};

const en: BotTexts = {
  help:
    'I deliver your notifications here.\n' +
    '/start – link this chat\n/status – unread count and the last five\n' +
    '/stop – stop getting notifications here\n/help – this help\n' +
    'Reply with the number of an option (1, 2…) to answer the latest notification.',
  askDocument: 'Hello. To link this chat, send me your document number.',
  linked: (name, tenant) => `Done${name ? `, ${name}` : ''}: you will get ${tenant}'s notifications here.`,
  alreadyLinked: (name) =>
    `This chat is already linked${name ? ` to ${name}` : ''}. Send /help to see what I can do.`,
  badLink:
    'This link is no longer valid (it expired or was used). Ask for a new one, or send /start and your document number.',
  documentNotFound: (left) =>
    `I could not find that document number. Check it and try again${left > 0 ? ` (${left === 1 ? '1 try' : `${left} tries`} left)` : ''}, or ask your company for a link.`,
  locked: (minutes) => `Too many tries. Try again in ${minutes} min.`,
  notLinked: 'This chat is not linked. Send /start to link it.',
  stopped: 'Done: you will no longer get notifications in this chat. Send /start to link it again.',
  status: (unread, lines) =>
    `Unread notifications: ${unread}` +
    (lines.length ? `\n\nLatest:\n${lines.join('\n')}` : '\n\nNo notifications.'),
  recorded: (label) => `Answer recorded: ${label}. Thank you!`,
  alreadyAnswered: (label) =>
    `This notification was already answered (${label}); no other answer was recorded.`,
  nothingToAnswer: 'There is no notification waiting for an answer.',
  unknownChoice: (max) => `Reply with a number from 1 to ${max}.`,
  gone: 'That notification is no longer available.',
};

/** The bot's words in a locale: English for `en…`, Spanish otherwise (the seeds' language). */
export function botTexts(locale: string | null | undefined): BotTexts {
  return locale?.toLowerCase().startsWith('en') ? en : es;
}
