import type { Prompts, SpokenBilling, SpokenLine, SpokenOrder } from './Prompts';

function list(items: ReadonlyArray<string>, conjunction: 'und' | 'oder'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const NUMBER_WORDS = [
  'null',
  'ein',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
];

function count(item: SpokenLine): string {
  // "ein Beutel", "ein Set", "eine Tasse": the lines are a list, so the nominative.
  if (item.quantity === 1) return item.spokenName.gender === 'feminine' ? 'eine' : 'ein';
  return NUMBER_WORDS[item.quantity] ?? String(item.quantity);
}

function line(item: SpokenLine): string {
  const name = item.quantity === 1 ? item.spokenName.one : item.spokenName.other;
  return `${count(item)} ${name} für ${item.lineTotal}`;
}

function items(order: SpokenOrder): string {
  return list(order.lines.map(line), 'und');
}

function every(billing: SpokenBilling): string {
  if (billing.kind === 'payAsYouGo') return 'nach Verbrauch';
  switch (billing.period) {
    case 'P1W':
      return 'jede Woche';
    case 'P1M':
      return 'jeden Monat';
    case 'P3M':
      return 'alle drei Monate';
    case 'P1Y':
      return 'jedes Jahr';
    default: {
      const unreachable: never = billing.period;
      return unreachable;
    }
  }
}

function agreed(order: SpokenOrder, billing: SpokenBilling): string {
  return billing.kind === 'payAsYouGo' ? 'nach Verbrauch' : `${order.total} ${every(billing)}`;
}

/** The skill's prompts in German, addressing the shopper with "Sie". */
export const DE_DE: Prompts = {
  welcome: (store, products) =>
    `Willkommen bei ${store}. Sie können ${list(products, 'oder')} kaufen und mit Amazon Pay bezahlen. Was möchten Sie?`,
  whatToBuy: (products) => `Was möchten Sie? Sie können ${list(products, 'oder')} kaufen.`,
  unknownProduct: (products) =>
    `Das haben wir leider nicht. Sie können ${list(products, 'oder')} kaufen. Was möchten Sie?`,
  quantityNotUnderstood: (name, max) =>
    `Entschuldigung, ich habe nicht verstanden, wie viele ${name} Sie möchten. Sie können bis zu ${max} bestellen. Wie viele möchten Sie?`,
  quantityNotWhole: (name, max) =>
    `Bitte nennen Sie mir eine ganze Zahl, höchstens ${max}. Wie viele ${name} möchten Sie?`,
  quantityTooFew: (name) => `Sie müssen mindestens eins bestellen. Wie viele ${name} möchten Sie?`,
  quantityTooMany: (name, max) =>
    `Sie können leider höchstens ${max} ${name} auf einmal bestellen. Wie viele möchten Sie?`,
  overChargeLimit: (max) =>
    `Diese Bestellung käme leider auf mehr als ${max}, den höchsten Betrag, den ich auf einmal abbuchen kann. Bitte bestellen Sie weniger.`,
  howMany: (name, max) => `Wie viele ${name} möchten Sie? Sie können bis zu ${max} bestellen.`,
  permissionNeeded: (store) =>
    `Um bei ${store} mit Amazon Pay zu bezahlen, erlauben Sie bitte Amazon Pay für diesen Skill in der Alexa App. Ich habe Ihnen dazu eine Karte geschickt.`,
  summary: (order) =>
    `Hier ist Ihre Bestellung bei ${order.storeName}: ${items(order)}. ` +
    (order.flatShipping
      ? `Ich konnte Ihre Lieferadresse gerade nicht von Amazon abrufen, daher gilt der Standardversand für ${order.shipping}`
      : `Die Lieferung an Ihre Standard-Lieferadresse bei Amazon kostet ${order.shipping}`) +
    (order.hasTax ? `, die Steuer beträgt ${order.tax}` : '') +
    `. Insgesamt sind das ${order.total}, bezahlt mit Amazon Pay. Soll ich die Bestellung aufgeben?`,
  undeliverable: (storeName) =>
    `Leider liefert ${storeName} noch nicht an Ihre Standard-Lieferadresse bei Amazon. Sie können in Ihrem Amazon-Konto eine andere Standardadresse wählen und mich dann noch einmal fragen.`,
  addressChanged:
    'Ihre Standard-Lieferadresse hat sich geändert, während ich die Zahlung vorbereitet habe. Daher habe ich die Bestellung nicht aufgegeben, und Ihnen wurde nichts berechnet. Bitte fragen Sie mich noch einmal, um den neuen Gesamtbetrag zu hören.',
  addressUnavailable:
    'Leider konnte ich Ihre Lieferadresse gerade nicht von Amazon abrufen und daher die Versandkosten nicht berechnen. Bitte versuchen Sie es in Kürze noch einmal.',
  summaryReprompt: (total) =>
    `Soll ich Ihre Bestellung über ${total} aufgeben? Bitte sagen Sie ja oder nein.`,
  noOrderWaiting: (products) =>
    `Es wartet keine Bestellung auf Ihre Bestätigung. Sie können ${list(products, 'oder')} kaufen. Was möchten Sie?`,
  orderExpired:
    'Diese Bestellung hat zu lange gewartet, deshalb habe ich sie storniert. Ihnen wurde nichts berechnet. Was möchten Sie kaufen?',
  orderNotAwaiting: 'Diese Bestellung ist schon bei Amazon Pay in Bearbeitung.',
  orderCancelled: 'In Ordnung, ich habe die Bestellung storniert. Ihnen wurde nichts berechnet.',
  nothingToCancel: 'In Ordnung. Es gibt keine Bestellung zum Stornieren.',
  confirmed: (order) =>
    `Vielen Dank! Ihre Bestellung bei ${order.storeName} ist aufgegeben: ${items(order)}, ` +
    `insgesamt ${order.total}. Die Details habe ich Ihnen in die Alexa App geschickt.`,
  confirmationCard: (order, orderId) => ({
    title: `Bestellung bestätigt: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Lieferung: ${order.shipping}`,
      ...(order.hasTax ? [`Steuer: ${order.tax}`] : []),
      `Gesamt: ${order.total}`,
      `Verkäufer: ${order.storeName}`,
      `Bestellnummer: ${orderId}`,
      'Bezahlt mit Amazon Pay.',
    ].join('\n'),
  }),
  heldForReview: (store) =>
    `Vielen Dank. ${store} hat Ihre Bestellung erhalten und prüft die Zahlung, bevor etwas versendet wird. Sie bekommen dazu eine E-Mail.`,
  amazonSpoke: 'Ihnen wurde für diese Bestellung nichts berechnet.',
  amazonSpokeTryLater:
    'Ihnen wurde nichts berechnet. Sie können es in Kürze noch einmal versuchen.',
  declined:
    'Amazon Pay konnte diese Zahlung nicht annehmen, deshalb ist Ihre Bestellung nicht zustande gekommen. Ihnen wurde nichts berechnet.',
  declinedTryLater:
    'Die Zahlung konnte nicht abgeschlossen werden, deshalb ist Ihre Bestellung nicht zustande gekommen, und Ihnen wurde nichts berechnet. Sie können es später noch einmal versuchen.',
  agreementNotUsable:
    'Die Zahlungsart in Ihrem Amazon-Konto kann gerade nicht verwendet werden, deshalb ist Ihre Bestellung nicht zustande gekommen. Bitte prüfen Sie sie in Ihrem Amazon-Konto und versuchen Sie es dann noch einmal.',
  noShippingAddress:
    'Ich konnte keine Lieferadresse aus Ihrem Amazon-Konto abrufen, deshalb ist Ihre Bestellung nicht zustande gekommen, und Ihnen wurde nichts berechnet. Bitte prüfen Sie Ihre Standard-Lieferadresse in Ihrem Amazon-Konto.',
  setupFailed:
    'Entschuldigung, ich konnte Amazon Pay für diese Bestellung nicht einrichten. Sie ist nicht zustande gekommen, und Ihnen wurde nichts berechnet. Bitte versuchen Sie es später noch einmal.',
  paymentFailed:
    'Entschuldigung, die Zahlung hat nicht geklappt, deshalb ist auch Ihre Bestellung nicht zustande gekommen. Bitte versuchen Sie es später noch einmal.',
  paymentUnfinished: (store) =>
    `Amazon Pay hat die Zahlung gerade nicht abgeschlossen. Öffnen Sie ${store} in ein paar Minuten noch einmal, dann schließe ich Ihre Bestellung ab. Es wird nichts doppelt abgebucht.`,
  somethingWentWrong:
    'Entschuldigung, bei der Zahlung ist etwas schiefgegangen, deshalb ist Ihre Bestellung nicht zustande gekommen.',
  voicePurchaseDisabled:
    'Um per Sprache zu bestellen, aktivieren Sie bitte den Spracheinkauf in der Alexa App unter Einstellungen, Kontoeinstellungen, Spracheinkauf. Ich habe Ihnen eine Karte mit den Schritten geschickt. Ihre Bestellung ist nicht zustande gekommen.',
  voicePurchaseCard: {
    title: 'Spracheinkauf aktivieren',
    content:
      'In der Alexa App: Einstellungen > Kontoeinstellungen > Spracheinkauf. Schalten Sie den Spracheinkauf ein; dort können Sie auch einen Sprachcode festlegen. Öffnen Sie den Skill danach noch einmal.',
  },
  unknownOrder: 'Entschuldigung, ich konnte diese Bestellung nicht finden.',
  alreadyHandled: 'Diese Bestellung ist bereits erledigt.',
  welcomeBackAwaiting: (order) =>
    `Willkommen zurück bei ${order.storeName}. Ihre Bestellung, ${items(order)}, wartet noch auf Ihre Bestätigung: ` +
    `insgesamt ${order.total}. Soll ich sie aufgeben?`,
  welcomeBackUnfinished: (order) =>
    `Willkommen zurück bei ${order.storeName}. Ihre Bestellung, ${items(order)}, ist noch nicht abgeschlossen. Soll ich es noch einmal versuchen?`,
  welcomeBackDeclined: (order) =>
    `Willkommen zurück bei ${order.storeName}. Die Zahlung für Ihre Bestellung, ${items(order)}, hat nicht geklappt. Wenn Sie Ihre Zahlungsart geprüft haben, kann ich es noch einmal versuchen. Soll ich?`,
  welcomeBackFailed: (order) =>
    `Willkommen zurück bei ${order.storeName}. Ihre letzte Bestellung, ${items(order)}, ist nicht zustande gekommen. Möchten Sie sie noch einmal bestellen?`,
  welcomeBackUnpaid: (store, products) =>
    `Willkommen zurück bei ${store}. Ihre letzte Bestellung ist nicht zustande gekommen, und Ihnen wurde nichts berechnet. Sie können ${list(products, 'oder')} kaufen. Was möchten Sie?`,
  welcomeBackSettled: (order, status) =>
    `Willkommen zurück bei ${order.storeName}. ` +
    (status === 'shipped'
      ? `Ihre letzte Bestellung, ${items(order)}, ist unterwegs. `
      : status === 'paid'
        ? `Ihre letzte Bestellung, ${items(order)}, ist bezahlt und wird bald versendet. `
        : 'Ihre letzte Bestellung wird vor dem Versand noch geprüft. ') +
    'Was möchten Sie heute?',
  retryReprompt: 'Soll ich die Bestellung noch einmal versuchen? Bitte sagen Sie ja oder nein.',
  nothingToRetry: (products) =>
    `Für diese Bestellung kann ich nichts mehr versuchen. Sie können ${list(products, 'oder')} kaufen. Was möchten Sie?`,
  cancelPlacedOrder: (store) =>
    `Um eine bereits aufgegebene Bestellung zu stornieren, wenden Sie sich bitte an ${store}.`,
  refundOrReturn: (store) =>
    `Für eine Erstattung oder eine Rücksendung wenden Sie sich bitte an ${store}.`,
  refundOnItsWay: (refund, order) =>
    `Die Erstattung von ${refund} für Ihre letzte Bestellung bei ${order.storeName}, ${items(order)}, ist unterwegs. ` +
    'Amazon Pay zahlt den Betrag auf die Zahlungsart zurück, mit der Sie bezahlt haben.',
  refundCompleted: (refund, order) =>
    `Die Erstattung von ${refund} für Ihre letzte Bestellung bei ${order.storeName}, ${items(order)}, ist abgeschlossen. ` +
    'Der Betrag ist auf die Zahlungsart zurückgegangen, mit der Sie bezahlt haben.',
  contactDetails: (contact) =>
    `Rufen Sie ${contact.phone} an, oder schreiben Sie eine E-Mail an ${contact.email}. Die Kontaktdaten habe ich Ihnen in die Alexa App geschickt.`,
  contactCard: (store, contact) => ({
    title: `Kontakt: ${store}`,
    content: [
      `Telefon: ${contact.phone}`,
      `E-Mail: ${contact.email}`,
      'Für Stornierungen, Erstattungen und Rücksendungen.',
    ].join('\n'),
  }),
  help: (products) =>
    `Ich kann ${list(products, 'oder')} für Sie bestellen, bezahlt mit Amazon Pay. Sagen Sie zum Beispiel: kaufe zwei Beutel Kaffee. Was möchten Sie?`,
  fallback: (products) =>
    `Entschuldigung, das habe ich nicht verstanden. Sie können ${list(products, 'oder')} kaufen. Was möchten Sie?`,
  goodbye: 'Auf Wiedersehen!',
  goodbyeCancelled:
    'In Ordnung, ich habe Ihre Bestellung storniert, und Ihnen wurde nichts berechnet. Auf Wiedersehen!',
  unexpectedError:
    'Entschuldigung, bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
  chargeLaterSummary: (order, billing) =>
    `Hier ist Ihr Abo von ${order.storeName}: ${items(order)}, geliefert ${every(billing)}, Versand ${order.shipping}` +
    (order.hasTax ? `, Steuer ${order.tax}` : '') +
    `. Amazon Pay belastet Sie mit ${agreed(order, billing)}, bis Sie kündigen. Jetzt wird nichts berechnet: ` +
    `${order.storeName} nimmt die erste Abbuchung in Kürze vor. Soll ich das Abo einrichten?`,
  chargeLaterReprompt: (order, billing) =>
    `Soll ich Ihr Abo für ${agreed(order, billing)} einrichten? Bitte sagen Sie ja oder nein.`,
  chargeLaterConfirmed: (order, billing) =>
    `Vielen Dank! Ihr Abo von ${order.storeName} ist eingerichtet: ${items(order)}, ${agreed(order, billing)}. ` +
    `Amazon Pay bucht es ${every(billing)} ab, zuerst in Kürze durch ${order.storeName}. ` +
    'Die Details finden Sie in Ihrer Alexa-App.',
  chargeLaterCard: (order, billing, orderId) => ({
    title: `Abo eingerichtet: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Versand: ${order.shipping}`,
      ...(order.hasTax ? [`Steuer: ${order.tax}`] : []),
      billing.kind === 'payAsYouGo'
        ? 'Abbuchung nach Verbrauch'
        : `Abbuchung ${every(billing)}: ${order.total}`,
      `Verkäufer: ${order.storeName}`,
      `Bestellnummer: ${orderId}`,
      'Abgebucht über Amazon Pay; beim Abschluss wurde nichts berechnet.',
    ].join('\n'),
  }),
  welcomeBackSubscribed: (order, billing) =>
    `Willkommen zurück bei ${order.storeName}. Ihr Abo, ${items(order)}, ist aktiv: Amazon Pay bucht es ${every(billing)} ab. ` +
    'Was möchten Sie heute?',
};
