import type { MinorAmount } from '../../amazonpay/amount';
import { toAmazonPayAmount } from '../../amazonpay/amount';
import { MWS_XML_NAMESPACE } from '../../amazonpay/mws/constants';

/** An element's content: text, child elements, or `undefined` to leave the element out. */
export type XmlContent = string | ReadonlyArray<XmlElement> | undefined;

/** One element as a name and its content; an empty string or list renders `<Name/>`. */
export type XmlElement = readonly [name: string, content: XmlContent];

/** Escapes text for an element body or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Renders one element and its children; elements whose content is `undefined` are skipped. */
export function renderElement([name, content]: XmlElement): string {
  if (content === undefined) return '';
  if (typeof content === 'string') {
    return content === '' ? `<${name}/>` : `<${name}>${escapeXml(content)}</${name}>`;
  }
  const inner = content.map(renderElement).join('');
  return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

/** Renders a whole answer: the XML declaration and a root element in the MWS namespace. */
export function renderDocument(root: string, children: ReadonlyArray<XmlElement>): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${root} xmlns="${MWS_XML_NAMESPACE}">${children.map(renderElement).join('')}</${root}>\n`
  );
}

/** An amount element (`CurrencyCode`, `Amount` as a decimal string), as in the MWS answers. */
export function amountElement(name: string, amount: MinorAmount): XmlElement {
  return [
    name,
    [
      ['CurrencyCode', amount.currency],
      ['Amount', toAmazonPayAmount(amount)],
    ],
  ];
}

/**
 * A success answer: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`.
 * An empty result renders `<ActionResult/>` (CloseBillingAgreement).
 */
export function renderSuccess(
  action: string,
  result: ReadonlyArray<XmlElement>,
  requestId: string,
): string {
  return renderDocument(`${action}Response`, [
    [`${action}Result`, result],
    ['ResponseMetadata', [['RequestId', requestId]]],
  ]);
}

/** An error answer with `RequestId` directly under `ErrorResponse`. */
export function renderError(
  error: { readonly type: string; readonly code: string; readonly message: string },
  requestId: string,
): string {
  return renderDocument('ErrorResponse', [
    [
      'Error',
      [
        ['Type', error.type],
        ['Code', error.code],
        ['Message', error.message],
      ],
    ],
    ['RequestId', requestId],
  ]);
}

/** The throttling answer exactly as Amazon's fixture spells it: empty `Type`, `RequestID`. */
export function renderThrottled(requestId: string): string {
  return renderDocument('ErrorResponse', [
    [
      'Error',
      [
        ['Type', ''],
        ['Code', 'RequestThrottled'],
        ['Message', 'Request is throttled'],
      ],
    ],
    ['RequestID', requestId],
  ]);
}
