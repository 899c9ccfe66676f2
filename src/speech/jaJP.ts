import type { Prompts, SpokenBilling, SpokenLine, SpokenOrder } from './Prompts';

/** Joins phrases the Japanese way: "A、B、C" (and) or "A、B、またはC" (or). */
function list(items: ReadonlyArray<string>, conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join('、');
  const last = items[items.length - 1] ?? '';
  return conjunction === 'or' ? `${head}、または${last}` : `${head}、${last}`;
}

/** "ハウスブレンドのコーヒー豆2袋": the number in digits (Alexa reads 2袋 as ふたふくろ) and the counter. */
function counted(item: SpokenLine): string {
  return `${item.spokenName.other}${item.quantity}${item.spokenName.counter ?? '個'}`;
}

/** The lines with their prices: "ハウスブレンドのコーヒー豆を2袋で29.98ドル". */
function items(order: SpokenOrder): string {
  return list(
    order.lines.map(
      (l) => `${l.spokenName.other}を${l.quantity}${l.spokenName.counter ?? '個'}で${l.lineTotal}`,
    ),
    'and',
  );
}

/** The lines without prices, to name an earlier order: "ハウスブレンドのコーヒー豆2袋". */
function names(order: SpokenOrder): string {
  return list(order.lines.map(counted), 'and');
}

function again(store: string): string {
  return `${store}へ、おかえりなさい。`;
}

function every(billing: SpokenBilling): string {
  if (billing.kind === 'payAsYouGo') return 'ご利用分を都度';
  switch (billing.period) {
    case 'P1W':
      return '毎週';
    case 'P1M':
      return '毎月';
    case 'P3M':
      return '3か月ごとに';
    case 'P1Y':
      return '毎年';
    default: {
      const unreachable: never = billing.period;
      return unreachable;
    }
  }
}

function agreed(order: SpokenOrder, billing: SpokenBilling): string {
  return billing.kind === 'payAsYouGo' ? 'ご利用分を都度' : `${every(billing)}${order.total}`;
}

/** The skill's prompts in Japanese, in the polite form (です・ます). */
export const JA_JP: Prompts = {
  welcome: (store, products) =>
    `${store}へようこそ。${list(products, 'or')}をご購入いただけます。お支払いはAmazon Payです。何になさいますか？`,
  whatToBuy: (products) => `何になさいますか？${list(products, 'or')}をご購入いただけます。`,
  unknownProduct: (products) =>
    `申し訳ありません、その商品は取り扱っておりません。${list(products, 'or')}をご購入いただけます。何になさいますか？`,
  quantityNotUnderstood: (name, max) =>
    `申し訳ありません、${name}の数量を聞き取れませんでした。${max}までご注文いただけます。いくつになさいますか？`,
  quantityNotWhole: (name, max) =>
    `数量は${max}までの整数でおっしゃってください。${name}はいくつになさいますか？`,
  quantityTooFew: (name) => `1つ以上でご注文ください。${name}はいくつになさいますか？`,
  quantityTooMany: (name, max) =>
    `申し訳ありません、${name}は一度に${max}までご注文いただけます。いくつになさいますか？`,
  overChargeLimit: (max) =>
    `申し訳ありません、このご注文は一度にお支払いいただける上限の${max}を超えてしまいます。数量を減らしてご注文ください。`,
  howMany: (name, max) => `${name}はいくつになさいますか？${max}までご注文いただけます。`,
  permissionNeeded: (store) =>
    `${store}でAmazon Payをお使いいただくには、Alexaアプリで、このスキルにAmazon Payの利用を許可してください。アプリにご案内のカードをお送りしました。`,
  summary: (order) =>
    `${order.storeName}でのご注文内容です。${items(order)}。` +
    (order.flatShipping
      ? `Amazonからお届け先を取得できなかったため、配送料は標準の${order.shipping}です`
      : `Amazonの既定のお届け先への配送料は${order.shipping}です`) +
    (order.hasTax ? `。税金は${order.tax}です` : '') +
    `。合計は${order.total}で、Amazon Payでのお支払いとなります。ご注文を確定してよろしいですか？`,
  undeliverable: (storeName) =>
    `申し訳ありません。${storeName}は、Amazonの既定のお届け先への配送にまだ対応していません。Amazonアカウントで別の既定のお届け先を選んでから、もう一度お申し付けください。`,
  addressChanged:
    'お支払いの準備中に既定のお届け先が変更されたため、ご注文は確定しておらず、料金も請求されていません。新しい合計金額をお聞きになるには、もう一度お申し付けください。',
  addressUnavailable:
    '申し訳ありません。Amazonからお届け先を取得できなかったため、配送料を計算できません。しばらくしてから、もう一度お試しください。',
  summaryReprompt: (total) =>
    `${total}のご注文を確定してよろしいですか？「はい」か「いいえ」でお答えください。`,
  noOrderWaiting: (products) =>
    `確認待ちのご注文はありません。${list(products, 'or')}をご購入いただけます。何になさいますか？`,
  orderExpired:
    'このご注文は時間が経ちすぎたため、キャンセルしました。料金は請求されていません。何をご購入になりますか？',
  orderNotAwaiting: 'このご注文は、すでにAmazon Payで手続き中です。',
  orderCancelled: 'かしこまりました。ご注文をキャンセルしました。料金は請求されていません。',
  nothingToCancel: 'かしこまりました。キャンセルするご注文はありません。',
  confirmed: (order) =>
    `ありがとうございます。${order.storeName}でのご注文を承りました。${items(order)}、` +
    `合計${order.total}です。詳細はAlexaアプリにお送りしました。`,
  confirmationCard: (order, orderId) => ({
    title: `ご注文確定：${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.displayName} × ${l.quantity}：${l.lineTotal}`),
      `配送料：${order.shipping}`,
      ...(order.hasTax ? [`税金：${order.tax}`] : []),
      `合計：${order.total}`,
      `販売者：${order.storeName}`,
      `注文番号：${orderId}`,
      'Amazon Payでお支払い済みです。',
    ].join('\n'),
  }),
  heldForReview: (store) =>
    `ありがとうございます。${store}がご注文を承りました。発送前にお支払いを確認いたします。詳しくはメールでお知らせします。`,
  amazonSpoke: 'このご注文の料金は請求されていません。',
  amazonSpokeTryLater: '料金は請求されていません。しばらくしてから、もう一度お試しください。',
  declined:
    'Amazon Payでこのお支払いを受け付けられなかったため、ご注文は完了しませんでした。料金は請求されていません。',
  declinedTryLater:
    'お支払いを完了できなかったため、ご注文は完了しませんでした。料金は請求されていません。後ほど、もう一度お試しください。',
  agreementNotUsable:
    'Amazonアカウントのお支払い方法が現在ご利用いただけないため、ご注文は完了しませんでした。Amazonアカウントでお支払い方法をご確認のうえ、もう一度お試しください。',
  noShippingAddress:
    'Amazonアカウントからお届け先の住所を取得できなかったため、ご注文は完了しませんでした。料金は請求されていません。Amazonアカウントで既定のお届け先をご確認ください。',
  setupFailed:
    '申し訳ありません、このご注文のAmazon Payの設定ができなかったため、ご注文は完了しませんでした。料金は請求されていません。後ほど、もう一度お試しください。',
  paymentFailed:
    '申し訳ありません、お支払いが完了しなかったため、ご注文も完了しませんでした。後ほど、もう一度お試しください。',
  paymentUnfinished: (store) =>
    `Amazon Payでのお支払いが、まだ完了していません。数分後にもう一度${store}を開いていただければ、ご注文の手続きを続けます。二重に請求されることはありません。`,
  somethingWentWrong:
    '申し訳ありません、お支払いで問題が発生したため、ご注文は完了しませんでした。',
  voicePurchaseDisabled:
    '音声でご注文いただくには、Alexaアプリの「設定」、「アカウント設定」、「音声ショッピング」で、音声ショッピングをオンにしてください。手順をカードでお送りしました。ご注文は完了していません。',
  voicePurchaseCard: {
    title: '音声ショッピングをオンにする',
    content:
      'Alexaアプリ：設定 > アカウント設定 > 音声ショッピング。音声でのご購入をオンにしてください。確認コードもここで設定できます。その後、もう一度スキルを開いてください。',
  },
  unknownOrder: '申し訳ありません、そのご注文が見つかりませんでした。',
  alreadyHandled: 'そのご注文は、すでに処理済みです。',
  welcomeBackAwaiting: (order) =>
    `${again(order.storeName)}${names(order)}のご注文が、確認待ちになっています。` +
    `合計は${order.total}です。ご注文を確定しますか？`,
  welcomeBackUnfinished: (order) =>
    `${again(order.storeName)}${names(order)}のご注文の手続きが、まだ完了していません。もう一度お手続きしましょうか？`,
  welcomeBackDeclined: (order) =>
    `${again(order.storeName)}${names(order)}のご注文のお支払いが完了しませんでした。お支払い方法をご確認いただいていれば、もう一度お試しできます。もう一度お手続きしましょうか？`,
  welcomeBackFailed: (order) =>
    `${again(order.storeName)}前回の${names(order)}のご注文は完了しませんでした。もう一度ご注文になりますか？`,
  welcomeBackUnpaid: (store, products) =>
    `${again(store)}前回のご注文は完了しておらず、料金は請求されていません。${list(products, 'or')}をご購入いただけます。何になさいますか？`,
  welcomeBackSettled: (order, status) =>
    again(order.storeName) +
    (status === 'shipped'
      ? `前回の${names(order)}のご注文は、発送済みです。`
      : status === 'paid'
        ? `前回の${names(order)}のご注文は、お支払い済みで、まもなく発送いたします。`
        : '前回のご注文は、発送前の確認中です。') +
    '今日は何になさいますか？',
  retryReprompt: 'もう一度お手続きしましょうか？「はい」か「いいえ」でお答えください。',
  nothingToRetry: (products) =>
    `そのご注文で、もう一度お試しできることはありません。${list(products, 'or')}をご購入いただけます。何になさいますか？`,
  cancelPlacedOrder: (store) =>
    `確定済みのご注文をキャンセルするには、${store}にお問い合わせください。`,
  refundOrReturn: (store) => `返金や返品については、${store}にお問い合わせください。`,
  refundOnItsWay: (refund, order) =>
    `${order.storeName}での前回の${names(order)}のご注文について、${refund}の返金を手続き中です。` +
    'お支払いに使われた方法へ、Amazon Payから返金されます。',
  refundCompleted: (refund, order) =>
    `${order.storeName}での前回の${names(order)}のご注文について、${refund}の返金が完了しました。` +
    'お支払いに使われた方法へ返金されています。',
  contactDetails: (contact) =>
    `お電話は${contact.phone}、メールは${contact.email}までお願いいたします。連絡先はAlexaアプリにお送りしました。`,
  contactCard: (store, contact) => ({
    title: `${store}へのお問い合わせ`,
    content: [
      `電話：${contact.phone}`,
      `メール：${contact.email}`,
      'ご注文のキャンセル、返金、返品のお問い合わせ先です。',
    ].join('\n'),
  }),
  help: (products) =>
    `Amazon Payでのお支払いで、${list(products, 'or')}をご注文いただけます。たとえば「コーヒーを2袋ください」と言ってみてください。何になさいますか？`,
  fallback: (products) =>
    `申し訳ありません、よく聞き取れませんでした。${list(products, 'or')}をご購入いただけます。何になさいますか？`,
  goodbye: 'ご利用ありがとうございました。',
  goodbyeCancelled:
    'かしこまりました。ご注文をキャンセルしました。料金は請求されていません。ご利用ありがとうございました。',
  unexpectedError:
    '申し訳ありません、こちらで問題が発生しました。少し時間をおいて、もう一度お試しください。',
  chargeLaterSummary: (order, billing) =>
    `${order.storeName}の定期便です。${items(order)}を${every(billing)}お届けします。送料は${order.shipping}` +
    (order.hasTax ? `、税金は${order.tax}` : '') +
    `です。解約されるまで、Amazon Payで${agreed(order, billing)}お支払いいただきます。今は請求されません。` +
    `最初の請求は${order.storeName}がまもなく行います。定期便を申し込みますか？`,
  chargeLaterReprompt: (order, billing) =>
    `${agreed(order, billing)}の定期便を申し込みますか？はい、またはいいえでお答えください。`,
  chargeLaterConfirmed: (order, billing) =>
    `ありがとうございます。${order.storeName}の定期便を申し込みました。${items(order)}、${agreed(order, billing)}です。` +
    `Amazon Payで${every(billing)}請求され、最初の請求は${order.storeName}がまもなく行います。` +
    '詳細はAlexaアプリに送りました。',
  chargeLaterCard: (order, billing, orderId) => ({
    title: `定期便のお申し込み: ${order.storeName}`,
    content: [
      ...order.lines.map((l) => `${l.quantity} x ${l.displayName}: ${l.lineTotal}`),
      `送料: ${order.shipping}`,
      ...(order.hasTax ? [`税金: ${order.tax}`] : []),
      billing.kind === 'payAsYouGo'
        ? 'ご利用分を都度請求'
        : `${every(billing)}の請求: ${order.total}`,
      `販売者: ${order.storeName}`,
      `注文番号: ${orderId}`,
      'Amazon Payで請求されます。お申し込み時の請求はありません。',
    ].join('\n'),
  }),
  welcomeBackSubscribed: (order, billing) =>
    `${order.storeName}へようこそ。定期便の${items(order)}はご利用中で、Amazon Payで${every(billing)}請求されます。` +
    '今日は何になさいますか？',
};
