import type { Prompts, SpokenBilling, SpokenLine, SpokenOrder } from './Prompts';

/** Joins phrases the Spanish way; "o" becomes "u" before an o sound ("tazas u ollas"). */
function list(items: ReadonlyArray<string>, conjunction: 'y' | 'o'): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1] ?? '';
  // Lines start with a number word, so "y" never meets an i sound; "o" joins product names.
  const word = conjunction === 'o' && /^h?[oó]/i.test(last) ? 'u' : conjunction;
  return `${items.slice(0, -1).join(', ')} ${word} ${last}`;
}

const NUMBER_WORDS = [
  'cero',
  'un',
  'dos',
  'tres',
  'cuatro',
  'cinco',
  'seis',
  'siete',
  'ocho',
  'nueve',
  'diez',
];

function count(item: SpokenLine): string {
  if (item.quantity === 1) return item.spokenName.gender === 'feminine' ? 'una' : 'un';
  return NUMBER_WORDS[item.quantity] ?? String(item.quantity);
}

function line(item: SpokenLine): string {
  const name = item.quantity === 1 ? item.spokenName.one : item.spokenName.other;
  return `${count(item)} ${name} por ${item.lineTotal}`;
}

function items(order: SpokenOrder): string {
  return list(order.lines.map(line), 'y');
}

function again(store: string): string {
  return `Te damos de nuevo la bienvenida a ${store}.`;
}

function every(billing: SpokenBilling): string {
  if (billing.kind === 'payAsYouGo') return 'según tu consumo';
  switch (billing.period) {
    case 'P1W':
      return 'cada semana';
    case 'P1M':
      return 'cada mes';
    case 'P3M':
      return 'cada tres meses';
    case 'P1Y':
      return 'cada año';
    default: {
      const unreachable: never = billing.period;
      return unreachable;
    }
  }
}

function agreed(order: SpokenOrder, billing: SpokenBilling): string {
  return billing.kind === 'payAsYouGo' ? 'según tu consumo' : `${order.total} ${every(billing)}`;
}

/** The skill's prompts in Spanish (Spain), addressing the shopper with "tú". */
export const ES_ES: Prompts = {
  welcome: (store, products) =>
    `Te damos la bienvenida a ${store}. Puedes comprar ${list(products, 'o')} y pagar con Amazon Pay. ¿Qué te gustaría?`,
  whatToBuy: (products) => `¿Qué te gustaría? Puedes comprar ${list(products, 'o')}.`,
  unknownProduct: (products) =>
    `Lo siento, eso no lo vendemos. Puedes comprar ${list(products, 'o')}. ¿Qué te gustaría?`,
  quantityNotUnderstood: (name, max) =>
    `Perdona, no he entendido qué cantidad de ${name} quieres. Puedes pedir hasta ${max}. ¿Qué cantidad quieres?`,
  quantityNotWhole: (name, max) =>
    `Dime un número entero, hasta ${max}. ¿Qué cantidad de ${name} quieres?`,
  quantityTooFew: (name) => `Tienes que pedir al menos uno. ¿Qué cantidad de ${name} quieres?`,
  quantityTooMany: (name, max) =>
    `Lo siento, puedes pedir como máximo ${max} ${name} a la vez. ¿Qué cantidad quieres?`,
  overChargeLimit: (max) =>
    `Lo siento, ese pedido superaría ${max}, el importe máximo que puedo cobrar de una vez. Pide menos artículos, por favor.`,
  howMany: (name, max) => `¿Qué cantidad de ${name} quieres? Puedes pedir hasta ${max}.`,
  permissionNeeded: (store) =>
    `Para pagar a ${store} con Amazon Pay, permite Amazon Pay para esta skill en la aplicación de Alexa. Te he enviado allí una tarjeta para ayudarte.`,
  summary: (order) =>
    `Este es tu pedido de ${order.storeName}: ${items(order)}. ` +
    (order.flatShipping
      ? `No he podido obtener tu dirección de envío de Amazon, así que el envío es el estándar de ${order.shipping}`
      : `El envío a tu dirección de envío predeterminada de Amazon cuesta ${order.shipping}`) +
    (order.hasTax ? `, y los impuestos son ${order.tax}` : '') +
    `. El total es ${order.total}, pagado con Amazon Pay. ¿Hago el pedido?`,
  undeliverable: (storeName) =>
    `Lo siento, ${storeName} todavía no hace envíos a tu dirección de envío predeterminada de Amazon. Puedes elegir otra dirección predeterminada en tu cuenta de Amazon y volver a pedírmelo.`,
  addressChanged:
    'Tu dirección de envío predeterminada ha cambiado mientras preparaba el pago, así que no he hecho el pedido y no se te ha cobrado nada. Vuelve a pedírmelo para oír el nuevo total.',
  addressUnavailable:
    'Lo siento, no he podido obtener tu dirección de envío de Amazon, así que no puedo calcular el coste del envío. Vuelve a intentarlo dentro de un rato.',
  summaryReprompt: (total) => `¿Hago tu pedido de ${total}? Por favor, di sí o no.`,
  noOrderWaiting: (products) =>
    `No hay ningún pedido esperando tu confirmación. Puedes comprar ${list(products, 'o')}. ¿Qué te gustaría?`,
  orderExpired:
    'Ese pedido esperó demasiado, así que lo he cancelado. No se te ha cobrado nada. ¿Qué te gustaría comprar?',
  orderNotAwaiting: 'Ese pedido ya se está tramitando con Amazon Pay.',
  orderCancelled: 'Vale, he cancelado ese pedido. No se te ha cobrado nada.',
  nothingToCancel: 'Vale. No hay ningún pedido que cancelar.',
  confirmed: (order) =>
    `¡Gracias! Tu pedido de ${order.storeName} está hecho: ${items(order)}, ` +
    `${order.total} en total. Te he enviado los detalles a la aplicación de Alexa.`,
  confirmationCard: (order, orderId) => ({
    title: `Pedido confirmado: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Envío: ${order.shipping}`,
      ...(order.hasTax ? [`Impuestos: ${order.tax}`] : []),
      `Total: ${order.total}`,
      `Vendedor: ${order.storeName}`,
      `Número de pedido: ${orderId}`,
      'Pagado con Amazon Pay.',
    ].join('\n'),
  }),
  heldForReview: (store) =>
    `Gracias. ${store} ha recibido tu pedido y comprobará el pago antes de enviar nada. Recibirás un correo electrónico al respecto.`,
  amazonSpoke: 'No se te ha cobrado nada por este pedido.',
  amazonSpokeTryLater: 'No se te ha cobrado nada. Puedes volver a intentarlo dentro de un rato.',
  declined:
    'Amazon Pay no ha podido aceptar este pago, así que tu pedido no se ha realizado. No se te ha cobrado nada.',
  declinedTryLater:
    'No se ha podido completar el pago, así que tu pedido no se ha realizado y no se te ha cobrado nada. Puedes volver a intentarlo más tarde.',
  agreementNotUsable:
    'El método de pago de tu cuenta de Amazon no se puede usar ahora mismo, así que tu pedido no se ha realizado. Revísalo en tu cuenta de Amazon y vuelve a intentarlo.',
  noShippingAddress:
    'No he podido obtener una dirección de envío de tu cuenta de Amazon, así que tu pedido no se ha realizado y no se te ha cobrado nada. Revisa tu dirección de envío predeterminada en tu cuenta de Amazon.',
  setupFailed:
    'Lo siento, no he podido configurar Amazon Pay para este pedido, así que no se ha realizado y no se te ha cobrado nada. Vuelve a intentarlo más tarde.',
  paymentFailed:
    'Lo siento, el pago no se ha completado, así que tu pedido tampoco. Vuelve a intentarlo más tarde.',
  paymentUnfinished: (store) =>
    `Amazon Pay no ha terminado el pago en este momento. Vuelve a abrir ${store} dentro de unos minutos y terminaré tu pedido; no se te cobrará dos veces.`,
  somethingWentWrong:
    'Lo siento, algo ha fallado con el pago, así que tu pedido no se ha realizado.',
  voicePurchaseDisabled:
    'Para comprar por voz, activa las compras por voz en la aplicación de Alexa, en Configuración, Configuración de la cuenta, Compras por voz. Te he enviado una tarjeta con los pasos. Tu pedido no se ha realizado.',
  voicePurchaseCard: {
    title: 'Activa las compras por voz',
    content:
      'En la aplicación de Alexa: Configuración > Configuración de la cuenta > Compras por voz. Activa las compras por voz; allí también puedes establecer un código de voz. Después, vuelve a abrir la skill.',
  },
  unknownOrder: 'Lo siento, no he encontrado ese pedido.',
  alreadyHandled: 'Ese pedido ya está gestionado.',
  welcomeBackAwaiting: (order) =>
    `${again(order.storeName)} Tu pedido, ${items(order)}, sigue pendiente: ` +
    `${order.total} en total. ¿Lo hago?`,
  welcomeBackUnfinished: (order) =>
    `${again(order.storeName)} Tu pedido, ${items(order)}, aún no se ha completado. ¿Lo intento de nuevo?`,
  welcomeBackDeclined: (order) =>
    `${again(order.storeName)} El pago de tu pedido, ${items(order)}, no se ha completado. Si ya has revisado tu método de pago, puedo intentarlo de nuevo. ¿Lo intento?`,
  welcomeBackFailed: (order) =>
    `${again(order.storeName)} Tu último pedido, ${items(order)}, no se ha realizado. ¿Quieres volver a pedirlo?`,
  welcomeBackUnpaid: (store, products) =>
    `${again(store)} Tu último pedido no se ha realizado y no se te ha cobrado nada. Puedes comprar ${list(products, 'o')}. ¿Qué te gustaría?`,
  welcomeBackSettled: (order, status) =>
    `${again(order.storeName)} ` +
    (status === 'shipped'
      ? `Tu último pedido, ${items(order)}, ya se ha enviado. `
      : status === 'paid'
        ? `Tu último pedido, ${items(order)}, está pagado y se enviará pronto. `
        : 'Tu último pedido se está revisando antes del envío. ') +
    '¿Qué te gustaría hoy?',
  retryReprompt: '¿Intento de nuevo ese pedido? Por favor, di sí o no.',
  nothingToRetry: (products) =>
    `No hay nada que pueda volver a intentar con ese pedido. Puedes comprar ${list(products, 'o')}. ¿Qué te gustaría?`,
  cancelPlacedOrder: (store) =>
    `Para cancelar un pedido ya realizado, ponte en contacto con ${store}.`,
  refundOrReturn: (store) => `Para un reembolso o una devolución, ponte en contacto con ${store}.`,
  refundOnItsWay: (refund, order) =>
    `El reembolso de ${refund} de tu último pedido en ${order.storeName}, ${items(order)}, está en camino. ` +
    'Amazon Pay lo devuelve al método de pago que usaste.',
  refundCompleted: (refund, order) =>
    `El reembolso de ${refund} de tu último pedido en ${order.storeName}, ${items(order)}, se ha completado. ` +
    'El dinero se ha devuelto al método de pago que usaste.',
  contactDetails: (contact) =>
    `Puedes llamar al ${contact.phone} o escribir a ${contact.email}. Te he enviado estos datos a la aplicación de Alexa.`,
  contactCard: (store, contact) => ({
    title: `Contacto de ${store}`,
    content: [
      `Teléfono: ${contact.phone}`,
      `Correo electrónico: ${contact.email}`,
      'Para cancelaciones, reembolsos y devoluciones.',
    ].join('\n'),
  }),
  help: (products) =>
    `Puedo pedir para ti ${list(products, 'o')}, con pago mediante Amazon Pay. Prueba a decir: compra dos paquetes de café. ¿Qué te gustaría?`,
  fallback: (products) =>
    `Perdona, no te he entendido. Puedes comprar ${list(products, 'o')}. ¿Qué te gustaría?`,
  goodbye: '¡Adiós!',
  goodbyeCancelled: 'Vale, he cancelado tu pedido y no se te ha cobrado nada. ¡Adiós!',
  unexpectedError:
    'Lo siento, algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.',
  chargeLaterSummary: (order, billing) =>
    `Esta es tu suscripción de ${order.storeName}: ${items(order)}, con entrega ${every(billing)}, envío ${order.shipping}` +
    (order.hasTax ? `, impuestos ${order.tax}` : '') +
    `. Amazon Pay te cobrará ${agreed(order, billing)} hasta que la canceles. Ahora no se cobra nada: ` +
    `${order.storeName} hará el primer cobro en breve. ¿Activo la suscripción?`,
  chargeLaterReprompt: (order, billing) =>
    `¿Activo tu suscripción por ${agreed(order, billing)}? Di sí o no.`,
  chargeLaterConfirmed: (order, billing) =>
    `¡Gracias! Tu suscripción de ${order.storeName} está activa: ${items(order)}, ${agreed(order, billing)}. ` +
    `Amazon Pay la cobrará ${every(billing)}, empezando por el primer cobro de ${order.storeName} en breve. ` +
    'Te he enviado los detalles a la app de Alexa.',
  chargeLaterCard: (order, billing, orderId) => ({
    title: `Suscripción activada: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `Envío: ${order.shipping}`,
      ...(order.hasTax ? [`Impuestos: ${order.tax}`] : []),
      billing.kind === 'payAsYouGo'
        ? 'Cobrado según tu consumo'
        : `Cobrado ${every(billing)}: ${order.total}`,
      `Vendedor: ${order.storeName}`,
      `Número de pedido: ${orderId}`,
      'Cobrado por Amazon Pay; no se cobró nada al suscribirte.',
    ].join('\n'),
  }),
  welcomeBackSubscribed: (order, billing) =>
    `Bienvenido de nuevo a ${order.storeName}. Tu suscripción, ${items(order)}, está activa: Amazon Pay la cobra ${every(billing)}. ` +
    '¿Qué te gustaría hoy?',
};
