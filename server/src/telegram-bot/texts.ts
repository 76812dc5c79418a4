/** What the bot says, in Spanish and English. Plain text: nothing here is parsed as HTML. */
export interface BotTexts {
  help: string;
  askDocument: string;
  linked: (name: string, tenant: string) => string;
  alreadyLinked: (name: string) => string;
  badLink: string;
  documentNotFound: string;
  documentLinkingOff: string;
  locked: (minutes: number) => string;
  /** To a new chat whose document number names someone linked elsewhere. */
  moveAsked: string;
  /** To the chat linked now: someone wants the notifications elsewhere. */
  confirmMove: (tenant: string) => string;
  moveButton: string;
  /** To the chat that lost the link. */
  moved: (tenant: string) => string;
  notLinked: string;
  stopped: string;
  status: (unread: number, lines: string[]) => string;
  recorded: (label: string) => string;
  alreadyAnswered: (label: string) => string;
  nothingToAnswer: string;
  unknownChoice: (max: number) => string;
  gone: string;
  /** `/contact` when the tenant wrote no contact text of its own. */
  contactDefault: (tenant: string) => string;
  promotionsOff: string;
  promotionsOn: string;
  /** In a group: linked as the group chat of a branch (its name) or of the whole tenant. */
  groupLinked: (branch: string | null, tenant: string) => string;
  groupBadLink: string;
  groupHelp: string;
  groupStatus: (branches: string[], tenant: boolean) => string;
  groupStopped: string;
  /** A person's link token sent in a group, or a group's in a private chat. */
  wrongChatForLink: (group: boolean) => string;
}

const es: BotTexts = {
  help:
    'Recibo aquí tus avisos.\n' +
    '/start – vincular este chat\n/status – avisos sin leer y los últimos cinco\n' +
    '/stop – dejar de recibir avisos aquí\n' +
    '/stop promociones – no recibir promociones (/start promociones para volver a recibirlas)\n' +
    '/contact – cómo contactar a la empresa\n/help – esta ayuda\n' +
    'Responde con el número de una opción (1, 2…) para contestar el último aviso.',
  askDocument: 'Hola. Para vincular este chat, envíame tu número de documento (cédula).',
  linked: (name, tenant) => `Listo${name ? `, ${name}` : ''}: recibirás aquí los avisos de ${tenant}.`,
  alreadyLinked: (name) =>
    `Este chat ya está vinculado${name ? ` a ${name}` : ''}. Escribe /help para ver qué puedo hacer.`,
  badLink:
    'Este enlace ya no es válido (caducó o ya se usó). Pide uno nuevo, o escribe /start y tu número de documento.',
  documentNotFound:
    'No encontré ese número de documento. Revísalo e inténtalo de nuevo, o pide a tu empresa un enlace de vinculación.',
  documentLinkingOff:
    'Este chat no se puede vincular con el número de documento. Pide a tu empresa un enlace de vinculación.',
  locked: (minutes) => `Demasiados intentos. Vuelve a intentarlo en ${minutes} min.`,
  moveAsked:
    'Esa persona ya recibe sus avisos en otro chat de Telegram. Le pedí confirmar el cambio en ese chat; ' +
    'cuando lo confirme, los avisos llegarán aquí. También puedes pedir a tu empresa un enlace de vinculación.',
  confirmMove: (tenant) =>
    `Alguien pidió recibir tus avisos de ${tenant} en otro chat de Telegram. ` +
    'Si fuiste tú, pulsa el botón. Si no, ignora este mensaje: nada cambia.',
  moveButton: 'Sí, mover mis avisos',
  moved: (tenant) =>
    `Tus avisos de ${tenant} ya no llegan a este chat: se vincularon a otro chat de Telegram. ` +
    'Si no fuiste tú, avisa a tu empresa.',
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
  contactDefault: (tenant) =>
    `Para hablar con ${tenant}, comunícate con tu sucursal o con tu contacto habitual.`,
  promotionsOff:
    'Listo: ya no recibirás promociones. Seguirás recibiendo tus demás avisos. Escribe /start promociones para volver a recibirlas.',
  promotionsOn: 'Listo: volverás a recibir promociones.',
  groupLinked: (branch, tenant) =>
    branch
      ? `Listo: este grupo recibirá los avisos de la sucursal ${branch} de ${tenant}.`
      : `Listo: este grupo recibirá los avisos generales de ${tenant}.`,
  groupBadLink:
    'Este enlace ya no es válido (caducó o ya se usó). Pide a tu empresa un enlace nuevo para este grupo.',
  groupHelp:
    'Para que este grupo reciba los avisos de una sucursal, pide a tu empresa el enlace de grupo y envía aquí ' +
    '/start seguido del código.\n/status – qué avisos recibe este grupo\n/stop – dejar de enviar avisos a este grupo\n' +
    '/contact – cómo contactar a la empresa',
  groupStatus: (branches, tenant) =>
    branches.length || tenant
      ? `Este grupo recibe los avisos de: ${[...branches.map((b) => `sucursal ${b}`), ...(tenant ? ['la empresa'] : [])].join(', ')}.`
      : 'Este grupo no está vinculado a ninguna sucursal.',
  groupStopped: 'Listo: ya no enviaré avisos a este grupo.',
  wrongChatForLink: (group) =>
    group
      ? 'Este enlace es para un chat privado conmigo, no para un grupo. Ábrelo desde tu teléfono.'
      : 'Este enlace es para un grupo: añádeme al grupo y envía allí /start con el código.',
};

const en: BotTexts = {
  help:
    'I deliver your notifications here.\n' +
    '/start – link this chat\n/status – unread count and the last five\n' +
    '/stop – stop getting notifications here\n' +
    '/stop promociones – no more promotions (/start promociones to get them again)\n' +
    '/contact – how to reach the company\n/help – this help\n' +
    'Reply with the number of an option (1, 2…) to answer the latest notification.',
  askDocument: 'Hello. To link this chat, send me your document number.',
  linked: (name, tenant) => `Done${name ? `, ${name}` : ''}: you will get ${tenant}'s notifications here.`,
  alreadyLinked: (name) =>
    `This chat is already linked${name ? ` to ${name}` : ''}. Send /help to see what I can do.`,
  badLink:
    'This link is no longer valid (it expired or was used). Ask for a new one, or send /start and your document number.',
  documentNotFound:
    'I could not find that document number. Check it and try again, or ask your company for a link.',
  documentLinkingOff: 'This chat cannot be linked by document number. Ask your company for a link.',
  locked: (minutes) => `Too many tries. Try again in ${minutes} min.`,
  moveAsked:
    'That person already gets their notifications in another Telegram chat. I asked there to confirm the ' +
    'change; once confirmed, notifications will come here. You can also ask your company for a link.',
  confirmMove: (tenant) =>
    `Someone asked to get your ${tenant} notifications in another Telegram chat. ` +
    'If it was you, press the button. If not, ignore this message: nothing changes.',
  moveButton: 'Yes, move my notifications',
  moved: (tenant) =>
    `Your ${tenant} notifications no longer come to this chat: they were linked to another Telegram chat. ` +
    'If it was not you, tell your company.',
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
  contactDefault: (tenant) => `To talk to ${tenant}, contact your branch or your usual contact.`,
  promotionsOff:
    'Done: you will no longer get promotions. Your other notifications keep coming. Send /start promociones to get them again.',
  promotionsOn: 'Done: you will get promotions again.',
  groupLinked: (branch, tenant) =>
    branch
      ? `Done: this group will get the notifications of ${tenant}'s ${branch} branch.`
      : `Done: this group will get ${tenant}'s general notifications.`,
  groupBadLink:
    'This link is no longer valid (it expired or was used). Ask your company for a new group link.',
  groupHelp:
    'To have this group get a branch’s notifications, ask your company for the group link and send ' +
    '/start followed by the code here.\n/status – what this group gets\n/stop – stop notifications to this group\n' +
    '/contact – how to reach the company',
  groupStatus: (branches, tenant) =>
    branches.length || tenant
      ? `This group gets the notifications of: ${[...branches.map((b) => `branch ${b}`), ...(tenant ? ['the company'] : [])].join(', ')}.`
      : 'This group is not linked to any branch.',
  groupStopped: 'Done: I will no longer send notifications to this group.',
  wrongChatForLink: (group) =>
    group
      ? 'This link is for a private chat with me, not for a group. Open it on your phone.'
      : 'This link is for a group: add me to the group and send /start with the code there.',
};

/** The bot's words in a locale: English for `en…`, Spanish otherwise (the seeds' language). */
export function botTexts(locale: string | null | undefined): BotTexts {
  return locale?.toLowerCase().startsWith('en') ? en : es;
}
