import type { Prompts, SpokenBilling, SpokenLine, SpokenOrder } from './Prompts';

function list(items: ReadonlyArray<string>, conjunction: 'et' | 'ou'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "de sachets", "d'espressos": `de` elides before a vowel or a mute h. */
function de(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûü]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** What the shop sells, as French lists it: "des sachets de café, des coffrets de tasses ou des kits". */
function offer(products: ReadonlyArray<string>): string {
  return list(
    products.map((p) => `des ${p}`),
    'ou',
  );
}

const NUMBER_WORDS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
];

function count(item: SpokenLine): string {
  if (item.quantity === 1) return item.spokenName.gender === 'feminine' ? 'une' : 'un';
  return NUMBER_WORDS[item.quantity] ?? String(item.quantity);
}

function line(item: SpokenLine): string {
  const name = item.quantity === 1 ? item.spokenName.one : item.spokenName.other;
  return `${count(item)} ${name} pour ${item.lineTotal}`;
}

function items(order: SpokenOrder): string {
  return list(order.lines.map(line), 'et');
}

function every(billing: SpokenBilling): string {
  if (billing.kind === 'payAsYouGo') return 'selon votre consommation';
  switch (billing.period) {
    case 'P1W':
      return 'chaque semaine';
    case 'P1M':
      return 'chaque mois';
    case 'P3M':
      return 'tous les trois mois';
    case 'P1Y':
      return 'chaque année';
    default: {
      const unreachable: never = billing.period;
      return unreachable;
    }
  }
}

function agreed(order: SpokenOrder, billing: SpokenBilling): string {
  return billing.kind === 'payAsYouGo'
    ? 'selon votre consommation'
    : `${order.total} ${every(billing)}`;
}

/** The skill's prompts in French, addressing the shopper with "vous". */
export const FR_FR: Prompts = {
  welcome: (store, products) =>
    `Bienvenue chez ${store}. Vous pouvez acheter ${offer(products)}, et payer avec Amazon Pay. Que souhaitez-vous ?`,
  whatToBuy: (products) => `Que souhaitez-vous ? Vous pouvez acheter ${offer(products)}.`,
  unknownProduct: (products) =>
    `Désolée, nous ne vendons pas cela. Vous pouvez acheter ${offer(products)}. Que souhaitez-vous ?`,
  quantityNotUnderstood: (name, max) =>
    `Désolée, je n'ai pas compris combien ${de(name)} vous voulez. Vous pouvez en commander jusqu'à ${max}. Combien en voulez-vous ?`,
  quantityNotWhole: (name, max) =>
    `Merci de me donner un nombre entier, jusqu'à ${max}. Combien ${de(name)} voulez-vous ?`,
  quantityTooFew: (name) => `Il faut en commander au moins un. Combien ${de(name)} voulez-vous ?`,
  quantityTooMany: (name, max) =>
    `Désolée, vous pouvez commander au maximum ${max} ${name} à la fois. Combien en voulez-vous ?`,
  overChargeLimit: (max) =>
    `Désolée, cette commande dépasserait ${max}, le montant maximum que je peux débiter en une fois. Merci de commander moins d'articles.`,
  howMany: (name, max) =>
    `Combien ${de(name)} voulez-vous ? Vous pouvez en commander jusqu'à ${max}.`,
  permissionNeeded: (store) =>
    `Pour payer ${store} avec Amazon Pay, veuillez autoriser Amazon Pay pour cette Skill dans l'application Alexa. Je vous y ai envoyé une carte pour vous aider.`,
  summary: (order) =>
    `Voici votre commande chez ${order.storeName} : ${items(order)}. ` +
    (order.flatShipping
      ? `Je n'ai pas pu obtenir votre adresse de livraison auprès d'Amazon, la livraison est donc au tarif standard de ${order.shipping}`
      : `La livraison à votre adresse de livraison Amazon par défaut coûte ${order.shipping}`) +
    (order.hasTax ? `, et la taxe s'élève à ${order.tax}` : '') +
    `. Le total est de ${order.total}, payé avec Amazon Pay. Dois-je passer la commande ?`,
  undeliverable: (storeName) =>
    `Désolée, ${storeName} ne livre pas encore à votre adresse de livraison Amazon par défaut. Vous pouvez choisir une autre adresse par défaut dans votre compte Amazon, puis me redemander.`,
  addressChanged:
    "Votre adresse de livraison par défaut a changé pendant la préparation du paiement. Je n'ai donc pas passé la commande et rien ne vous a été facturé. Redemandez-moi pour connaître le nouveau total.",
  addressUnavailable:
    "Désolée, je n'ai pas pu obtenir votre adresse de livraison auprès d'Amazon, je ne peux donc pas calculer les frais de livraison. Veuillez réessayer dans un moment.",
  summaryReprompt: (total) =>
    `Dois-je passer votre commande de ${total} ? Répondez par oui ou par non.`,
  noOrderWaiting: (products) =>
    `Aucune commande n'attend votre accord. Vous pouvez acheter ${offer(products)}. Que souhaitez-vous ?`,
  orderExpired:
    "Cette commande a attendu trop longtemps, je l'ai donc annulée. Rien ne vous a été débité. Que souhaitez-vous acheter ?",
  orderNotAwaiting: 'Cette commande est déjà en cours de traitement chez Amazon Pay.',
  orderCancelled: "D'accord, j'ai annulé cette commande. Rien ne vous a été débité.",
  nothingToCancel: "D'accord. Il n'y a aucune commande à annuler.",
  confirmed: (order) =>
    `Merci ! Votre commande chez ${order.storeName} est passée : ${items(order)}, ` +
    `${order.total} au total. Je vous ai envoyé les détails dans l'application Alexa.`,
  confirmationCard: (order, orderId) => ({
    title: `Commande confirmée : ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName} : ${l.lineTotal}`),
      `Livraison : ${order.shipping}`,
      ...(order.hasTax ? [`Taxe : ${order.tax}`] : []),
      `Total : ${order.total}`,
      `Vendeur : ${order.storeName}`,
      `Numéro de commande : ${orderId}`,
      'Payé avec Amazon Pay.',
    ].join('\n'),
  }),
  heldForReview: (store) =>
    `Merci. ${store} a bien reçu votre commande et vérifiera le paiement avant toute expédition. Vous recevrez un e-mail à ce sujet.`,
  amazonSpoke: 'Rien ne vous a été débité pour cette commande.',
  amazonSpokeTryLater: 'Rien ne vous a été débité. Vous pourrez réessayer dans un petit moment.',
  declined:
    "Amazon Pay n'a pas pu accepter ce paiement, votre commande n'a donc pas abouti. Rien ne vous a été débité.",
  declinedTryLater:
    "Le paiement n'a pas pu être effectué, votre commande n'a donc pas abouti, et rien ne vous a été débité. Vous pourrez réessayer plus tard.",
  agreementNotUsable:
    "Le moyen de paiement de votre compte Amazon ne peut pas être utilisé pour le moment, votre commande n'a donc pas abouti. Vérifiez-le dans votre compte Amazon, puis réessayez.",
  noShippingAddress:
    "Je n'ai pas pu obtenir d'adresse de livraison depuis votre compte Amazon, votre commande n'a donc pas abouti, et rien ne vous a été débité. Vérifiez votre adresse de livraison par défaut dans votre compte Amazon.",
  setupFailed:
    "Désolée, je n'ai pas pu configurer Amazon Pay pour cette commande. Elle n'a pas abouti, et rien ne vous a été débité. Veuillez réessayer plus tard.",
  paymentFailed:
    "Désolée, le paiement n'a pas abouti, et votre commande non plus. Veuillez réessayer plus tard.",
  paymentUnfinished: (store) =>
    `Amazon Pay n'a pas terminé le paiement pour l'instant. Rouvrez ${store} dans quelques minutes et je finaliserai votre commande ; rien ne vous sera débité deux fois.`,
  somethingWentWrong:
    "Désolée, un problème est survenu avec le paiement, votre commande n'a donc pas abouti.",
  voicePurchaseDisabled:
    "Pour commander par la voix, activez les achats vocaux dans l'application Alexa, sous Paramètres, Paramètres du compte, Achats vocaux. Je vous ai envoyé une carte avec les étapes. Votre commande n'a pas abouti.",
  voicePurchaseCard: {
    title: 'Activer les achats vocaux',
    content:
      "Dans l'application Alexa : Paramètres > Paramètres du compte > Achats vocaux. Activez les achats par la voix ; vous pouvez aussi y définir un code vocal. Puis rouvrez la Skill.",
  },
  unknownOrder: "Désolée, je n'ai pas trouvé cette commande.",
  alreadyHandled: 'Cette commande a déjà été traitée.',
  welcomeBackAwaiting: (order) =>
    `Bon retour chez ${order.storeName}. Votre commande, ${items(order)}, attend toujours votre accord : ` +
    `${order.total} au total. Dois-je la passer ?`,
  welcomeBackUnfinished: (order) =>
    `Bon retour chez ${order.storeName}. Votre commande, ${items(order)}, n'est pas encore finalisée. Dois-je réessayer ?`,
  welcomeBackDeclined: (order) =>
    `Bon retour chez ${order.storeName}. Le paiement de votre commande, ${items(order)}, n'a pas abouti. Si vous avez vérifié votre moyen de paiement, je peux réessayer. Dois-je réessayer ?`,
  welcomeBackFailed: (order) =>
    `Bon retour chez ${order.storeName}. Votre dernière commande, ${items(order)}, n'a pas abouti. Voulez-vous la commander à nouveau ?`,
  welcomeBackUnpaid: (store, products) =>
    `Bon retour chez ${store}. Votre dernière commande n'a pas abouti, et rien ne vous a été débité. Vous pouvez acheter ${offer(products)}. Que souhaitez-vous ?`,
  welcomeBackSettled: (order, status) =>
    `Bon retour chez ${order.storeName}. ` +
    (status === 'shipped'
      ? `Votre dernière commande, ${items(order)}, a été expédiée. `
      : status === 'paid'
        ? `Votre dernière commande, ${items(order)}, est payée et sera bientôt expédiée. `
        : 'Votre dernière commande est en cours de vérification avant expédition. ') +
    "Que souhaitez-vous aujourd'hui ?",
  retryReprompt: 'Dois-je réessayer cette commande ? Répondez par oui ou par non.',
  nothingToRetry: (products) =>
    `Je ne peux rien réessayer pour cette commande. Vous pouvez acheter ${offer(products)}. Que souhaitez-vous ?`,
  cancelPlacedOrder: (store) =>
    `Pour annuler une commande déjà passée, veuillez contacter ${store}.`,
  refundOrReturn: (store) => `Pour un remboursement ou un retour, veuillez contacter ${store}.`,
  refundOnItsWay: (refund, order) =>
    `Le remboursement de ${refund} pour votre dernière commande chez ${order.storeName}, ${items(order)}, est en cours. ` +
    'Amazon Pay le reverse sur le moyen de paiement que vous avez utilisé.',
  refundCompleted: (refund, order) =>
    `Le remboursement de ${refund} pour votre dernière commande chez ${order.storeName}, ${items(order)}, est terminé. ` +
    "L'argent a été reversé sur le moyen de paiement que vous avez utilisé.",
  contactDetails: (contact) =>
    `Vous pouvez appeler le ${contact.phone} ou écrire à ${contact.email}. Je vous ai envoyé ces coordonnées dans l'application Alexa.`,
  contactCard: (store, contact) => ({
    title: `Contacter ${store}`,
    content: [
      `Téléphone : ${contact.phone}`,
      `E-mail : ${contact.email}`,
      'Pour les annulations, les remboursements et les retours.',
    ].join('\n'),
  }),
  help: (products) =>
    `Je peux vous commander ${offer(products)}, avec paiement par Amazon Pay. Dites par exemple : achète deux sachets de café. Que souhaitez-vous ?`,
  fallback: (products) =>
    `Désolée, je n'ai pas compris. Vous pouvez acheter ${offer(products)}. Que souhaitez-vous ?`,
  goodbye: 'Au revoir !',
  goodbyeCancelled:
    "D'accord, j'ai annulé votre commande, et rien ne vous a été débité. Au revoir !",
  unexpectedError:
    'Désolée, un problème est survenu de notre côté. Veuillez réessayer dans un instant.',
  chargeLaterSummary: (order, billing) =>
    `Voici votre abonnement chez ${order.storeName} : ${items(order)}, livré ${every(billing)}, livraison ${order.shipping}` +
    (order.hasTax ? `, taxes ${order.tax}` : '') +
    `. Amazon Pay vous débitera ${agreed(order, billing)} jusqu'à résiliation. Rien n'est débité maintenant : ` +
    `${order.storeName} fera le premier prélèvement sous peu. Voulez-vous que je mette en place l'abonnement ?`,
  chargeLaterReprompt: (order, billing) =>
    `Voulez-vous mettre en place votre abonnement pour ${agreed(order, billing)} ? Dites oui ou non.`,
  chargeLaterConfirmed: (order, billing) =>
    `Merci ! Votre abonnement chez ${order.storeName} est en place : ${items(order)}, ${agreed(order, billing)}. ` +
    `Amazon Pay le débitera ${every(billing)}, à commencer par un premier prélèvement de ${order.storeName} sous peu. ` +
    "J'ai envoyé les détails dans votre application Alexa.",
  chargeLaterCard: (order, billing, orderId) => ({
    title: `Abonnement en place : ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName} : ${l.lineTotal}`),
      `Livraison : ${order.shipping}`,
      ...(order.hasTax ? [`Taxes : ${order.tax}`] : []),
      billing.kind === 'payAsYouGo'
        ? 'Débité selon votre consommation'
        : `Débité ${every(billing)} : ${order.total}`,
      `Vendeur : ${order.storeName}`,
      `Numéro de commande : ${orderId}`,
      "Débité par Amazon Pay ; rien n'a été débité à la souscription.",
    ].join('\n'),
  }),
  welcomeBackSubscribed: (order, billing) =>
    `Bon retour chez ${order.storeName}. Votre abonnement, ${items(order)}, est actif : Amazon Pay le débite ${every(billing)}. ` +
    "Que souhaitez-vous aujourd'hui ?",
};
