/**
 * The orders table also keeps records that are not orders (a customer known by buyer id, a billing
 * agreement, a charge of an agreement). Each such item carries this attribute, its key (`orderId`)
 * starts with its type and `#` (which an order id, base64url, never contains), and it carries none
 * of the order indexes' key attributes (`userId`, `createdAt`, `status`, `updatedAt`), so that it
 * never appears in an order query. Order reads and listings skip any item that has it.
 */
export const RECORD_TYPE_ATTRIBUTE = 'recordType';

/** Builds the table key of a non-order record: `${type}#${id}`. */
export function toRecordKey(type: string, id: string): string {
  return `${type}#${id}`;
}

/** Tells whether a stored item is a non-order record. */
export function isNonOrderRecord(item: unknown): boolean {
  return typeof item === 'object' && item !== null && RECORD_TYPE_ATTRIBUTE in item;
}
