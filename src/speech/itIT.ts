import type { Prompts, SpokenBilling, SpokenLine, SpokenOrder } from './Prompts';

function list(items: ReadonlyArray<string>, conjunction: 'e' | 'o'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

const NUMBER_WORDS = [
  'zero',
  'un',
  'due',
  'tre',
  'quattro',
  'cinque',
  'sei',
  'sette',
  'otto',
  'nove',
  'dieci',
];

/** "un sacchetto", "uno spremiagrumi", "una tazzina", "un'agenda". */
function one(item: SpokenLine): string {
  const name = item.spokenName.one;
  if (item.spokenName.gender === 'feminine') return /^[aeiou]/i.test(name) ? "un'" : 'una ';
  return /^(s[^aeiou]|z|gn|ps|x|y)/i.test(name) ? 'uno ' : 'un ';
}

function line(item: SpokenLine): string {
  const counted =
    item.quantity === 1
      ? `${one(item)}${item.spokenName.one}`
      : `${NUMBER_WORDS[item.quantity] ?? String(item.quantity)} ${item.spokenName.other}`;
  return `${counted} per ${item.lineTotal}`;
}

function items(order: SpokenOrder): string {
  return list(order.lines.map(line), 'e');
}

function again(store: string): string {
  return `Ciao, eccoti di nuovo da ${store}.`;
}

function every(billing: SpokenBilling): string {
  if (billing.kind === 'payAsYouGo') return 'in base al consumo';
  switch (billing.period) {
    case 'P1W':
      return 'ogni settimana';
    case 'P1M':
      return 'ogni mese';
    case 'P3M':
      return 'ogni tre mesi';
    case 'P1Y':
      return 'ogni anno';
    default: {
      const unreachable: never = billing.period;
      return unreachable;
    }
  }
}

function agreed(order: SpokenOrder, billing: SpokenBilling): string {
  return billing.kind === 'payAsYouGo' ? 'in base al consumo' : `${order.total} ${every(billing)}`;
}

/** The skill's prompts in Italian, addressing the shopper with "tu". */
export const IT_IT: Prompts = {
  welcome: (store, products) =>
    `Ti do il benvenuto da ${store}. Puoi comprare ${list(products, 'o')} e pagare con Amazon Pay. Cosa desideri?`,
  whatToBuy: (products) => `Cosa desideri? Puoi comprare ${list(products, 'o')}.`,
  unknownProduct: (products) =>
    `Mi dispiace, questo non lo vendiamo. Puoi comprare ${list(products, 'o')}. Cosa desideri?`,
  quantityNotUnderstood: (name, max) =>
    `Scusa, non ho capito la quantità di ${name} che desideri. Puoi ordinarne fino a ${max}. Che quantità vuoi?`,
  quantityNotWhole: (name, max) =>
    `Dimmi un numero intero, fino a ${max}. Che quantità di ${name} vuoi?`,
  quantityTooFew: (name) => `Devi ordinarne almeno uno. Che quantità di ${name} vuoi?`,
  quantityTooMany: (name, max) =>
    `Mi dispiace, puoi ordinare al massimo ${max} ${name} alla volta. Che quantità vuoi?`,
  overChargeLimit: (max) =>
    `Mi dispiace, questo ordine supererebbe ${max}, l'importo massimo che posso addebitare in una volta. Ordina meno articoli.`,
  howMany: (name, max) => `Che quantità di ${name} vuoi? Puoi ordinarne fino a ${max}.`,
  permissionNeeded: (store) =>
    `Per pagare ${store} con Amazon Pay, consenti l'uso di Amazon Pay per questa Skill nell'app Alexa. Ti ho inviato lì una scheda per aiutarti.`,
  summary: (order) =>
    `Ecco il tuo ordine da ${order.storeName}: ${items(order)}. ` +
    (order.flatShipping
      ? `Non è stato possibile ottenere il tuo indirizzo di consegna da Amazon, quindi la spedizione è quella standard di ${order.shipping}`
      : `La consegna al tuo indirizzo di spedizione predefinito di Amazon costa ${order.shipping}`) +
    (order.hasTax ? `, e le tasse sono ${order.tax}` : '') +
    `. Il totale è ${order.total}, pagato con Amazon Pay. Vuoi che effettui l'ordine?`,
  undeliverable: (storeName) =>
    `Mi dispiace, ${storeName} non consegna ancora al tuo indirizzo di spedizione predefinito di Amazon. Puoi scegliere un altro indirizzo predefinito nel tuo account Amazon e poi chiedermelo di nuovo.`,
  addressChanged:
    "Il tuo indirizzo di spedizione predefinito è cambiato mentre preparavo il pagamento, quindi non ho effettuato l'ordine e non ti è stato addebitato nulla. Chiedimelo di nuovo per sentire il nuovo totale.",
  addressUnavailable:
    'Mi dispiace, non è stato possibile ottenere il tuo indirizzo di consegna da Amazon, quindi non posso calcolare il costo della spedizione. Riprova tra poco.',
  summaryReprompt: (total) => `Vuoi che effettui il tuo ordine di ${total}? Rispondi sì o no.`,
  noOrderWaiting: (products) =>
    `Non c'è nessun ordine in attesa della tua conferma. Puoi comprare ${list(products, 'o')}. Cosa desideri?`,
  orderExpired:
    "Quell'ordine è rimasto in attesa troppo a lungo, quindi l'ho annullato. Non ti è stato addebitato nulla. Cosa vuoi comprare?",
  orderNotAwaiting: "Quell'ordine è già in elaborazione con Amazon Pay.",
  orderCancelled: "Va bene, ho annullato l'ordine. Non ti è stato addebitato nulla.",
  nothingToCancel: "Va bene. Non c'è nessun ordine da annullare.",
  confirmed: (order) =>
    `Grazie! Il tuo ordine da ${order.storeName} è confermato: ${items(order)}, ` +
    `${order.total} in totale. Ti ho inviato i dettagli nell'app Alexa.`,
  confirmationCard: (order, orderId) => ({
    title: `Ordine confermato: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Consegna: ${order.shipping}`,
      ...(order.hasTax ? [`Tasse: ${order.tax}`] : []),
      `Totale: ${order.total}`,
      `Venditore: ${order.storeName}`,
      `Numero d'ordine: ${orderId}`,
      'Pagato con Amazon Pay.',
    ].join('\n'),
  }),
  heldForReview: (store) =>
    `Grazie. ${store} ha ricevuto il tuo ordine e verificherà il pagamento prima della spedizione. Riceverai un'email a riguardo.`,
  amazonSpoke: 'Non ti è stato addebitato nulla per questo ordine.',
  amazonSpokeTryLater: 'Non ti è stato addebitato nulla. Puoi riprovare tra poco.',
  declined:
    'Amazon Pay non ha potuto accettare questo pagamento, quindi il tuo ordine non è andato a buon fine. Non ti è stato addebitato nulla.',
  declinedTryLater:
    'Non è stato possibile completare il pagamento, quindi il tuo ordine non è andato a buon fine e non ti è stato addebitato nulla. Puoi riprovare più tardi.',
  agreementNotUsable:
    'Il metodo di pagamento del tuo account Amazon non si può usare in questo momento, quindi il tuo ordine non è andato a buon fine. Controllalo nel tuo account Amazon e poi riprova.',
  noShippingAddress:
    'Non sono riuscita a ottenere un indirizzo di consegna dal tuo account Amazon, quindi il tuo ordine non è andato a buon fine e non ti è stato addebitato nulla. Controlla il tuo indirizzo di spedizione predefinito nel tuo account Amazon.',
  setupFailed:
    'Mi dispiace, non sono riuscita a configurare Amazon Pay per questo ordine, quindi non è andato a buon fine e non ti è stato addebitato nulla. Riprova più tardi.',
  paymentFailed:
    'Mi dispiace, il pagamento non è andato a buon fine, e quindi nemmeno il tuo ordine. Riprova più tardi.',
  paymentUnfinished: (store) =>
    `Amazon Pay non ha completato il pagamento in questo momento. Riapri ${store} tra qualche minuto e completerò il tuo ordine; non ti verrà addebitato nulla due volte.`,
  somethingWentWrong:
    'Mi dispiace, qualcosa è andato storto con il pagamento, quindi il tuo ordine non è andato a buon fine.',
  voicePurchaseDisabled:
    "Per ordinare con la voce, attiva gli acquisti vocali nell'app Alexa, in Impostazioni, Impostazioni account, Acquisti vocali. Ti ho inviato una scheda con i passaggi. Il tuo ordine non è andato a buon fine.",
  voicePurchaseCard: {
    title: 'Attiva gli acquisti vocali',
    content:
      "Nell'app Alexa: Impostazioni > Impostazioni account > Acquisti vocali. Attiva gli acquisti con la voce; lì puoi anche impostare un codice vocale. Poi riapri la Skill.",
  },
  unknownOrder: "Mi dispiace, non ho trovato quell'ordine.",
  alreadyHandled: "Quell'ordine è già stato gestito.",
  welcomeBackAwaiting: (order) =>
    `${again(order.storeName)} Il tuo ordine, ${items(order)}, è ancora in attesa: ` +
    `${order.total} in totale. Vuoi che lo effettui?`,
  welcomeBackUnfinished: (order) =>
    `${again(order.storeName)} Il tuo ordine, ${items(order)}, non è ancora completato. Vuoi che riprovi?`,
  welcomeBackDeclined: (order) =>
    `${again(order.storeName)} Il pagamento del tuo ordine, ${items(order)}, non è andato a buon fine. Se hai controllato il tuo metodo di pagamento, posso riprovare. Vuoi che riprovi?`,
  welcomeBackFailed: (order) =>
    `${again(order.storeName)} Il tuo ultimo ordine, ${items(order)}, non è andato a buon fine. Vuoi ordinarlo di nuovo?`,
  welcomeBackUnpaid: (store, products) =>
    `${again(store)} Il tuo ultimo ordine non è andato a buon fine, e non ti è stato addebitato nulla. Puoi comprare ${list(products, 'o')}. Cosa desideri?`,
  welcomeBackSettled: (order, status) =>
    `${again(order.storeName)} ` +
    (status === 'shipped'
      ? `Il tuo ultimo ordine, ${items(order)}, è stato spedito. `
      : status === 'paid'
        ? `Il tuo ultimo ordine, ${items(order)}, è pagato e verrà spedito a breve. `
        : 'Il tuo ultimo ordine è in fase di verifica prima della spedizione. ') +
    'Cosa desideri oggi?',
  retryReprompt: "Vuoi che riprovi quell'ordine? Rispondi sì o no.",
  nothingToRetry: (products) =>
    `Per quell'ordine non c'è niente che io possa riprovare. Puoi comprare ${list(products, 'o')}. Cosa desideri?`,
  cancelPlacedOrder: (store) => `Per annullare un ordine già effettuato, contatta ${store}.`,
  refundOrReturn: (store) => `Per un rimborso o un reso, contatta ${store}.`,
  refundOnItsWay: (refund, order) =>
    `Il rimborso di ${refund} per il tuo ultimo ordine da ${order.storeName}, ${items(order)}, è in arrivo. ` +
    'Amazon Pay lo riaccredita sul metodo di pagamento che hai usato.',
  refundCompleted: (refund, order) =>
    `Il rimborso di ${refund} per il tuo ultimo ordine da ${order.storeName}, ${items(order)}, è stato completato. ` +
    "L'importo è stato riaccreditato sul metodo di pagamento che hai usato.",
  contactDetails: (contact) =>
    `Puoi chiamare il numero ${contact.phone} o scrivere a ${contact.email}. Ti ho inviato questi recapiti nell'app Alexa.`,
  contactCard: (store, contact) => ({
    title: `Contatta ${store}`,
    content: [
      `Telefono: ${contact.phone}`,
      `Email: ${contact.email}`,
      'Per annullamenti, rimborsi e resi.',
    ].join('\n'),
  }),
  help: (products) =>
    `Posso ordinare per te ${list(products, 'o')}, con pagamento tramite Amazon Pay. Prova a dire: compra due sacchetti di caffè. Cosa desideri?`,
  fallback: (products) =>
    `Scusa, non ho capito. Puoi comprare ${list(products, 'o')}. Cosa desideri?`,
  goodbye: 'Arrivederci!',
  goodbyeCancelled:
    'Va bene, ho annullato il tuo ordine e non ti è stato addebitato nulla. Arrivederci!',
  unexpectedError: 'Mi dispiace, qualcosa è andato storto da parte nostra. Riprova tra un momento.',
  chargeLaterSummary: (order, billing) =>
    `Ecco il tuo abbonamento di ${order.storeName}: ${items(order)}, consegnato ${every(billing)}, spedizione ${order.shipping}` +
    (order.hasTax ? `, tasse ${order.tax}` : '') +
    `. Amazon Pay ti addebiterà ${agreed(order, billing)} fino alla disdetta. Ora non viene addebitato nulla: ` +
    `${order.storeName} farà il primo addebito a breve. Vuoi che attivi l'abbonamento?`,
  chargeLaterReprompt: (order, billing) =>
    `Vuoi attivare il tuo abbonamento per ${agreed(order, billing)}? Di' sì o no.`,
  chargeLaterConfirmed: (order, billing) =>
    `Grazie! Il tuo abbonamento di ${order.storeName} è attivo: ${items(order)}, ${agreed(order, billing)}. ` +
    `Amazon Pay lo addebiterà ${every(billing)}, a partire dal primo addebito di ${order.storeName} a breve. ` +
    'Ho inviato i dettagli alla tua app Alexa.',
  chargeLaterCard: (order, billing, orderId) => ({
    title: `Abbonamento attivato: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Spedizione: ${order.shipping}`,
      ...(order.hasTax ? [`Tasse: ${order.tax}`] : []),
      billing.kind === 'payAsYouGo'
        ? 'Addebitato in base al consumo'
        : `Addebitato ${every(billing)}: ${order.total}`,
      `Venditore: ${order.storeName}`,
      `Numero d'ordine: ${orderId}`,
      "Addebitato da Amazon Pay; all'attivazione non è stato addebitato nulla.",
    ].join('\n'),
  }),
  welcomeBackSubscribed: (order, billing) =>
    `Bentornato da ${order.storeName}. Il tuo abbonamento, ${items(order)}, è attivo: Amazon Pay lo addebita ${every(billing)}. ` +
    'Cosa desideri oggi?',
};
