import type { Order } from '../checkout/Order';
import type { QueryableOrderStore } from '../checkout/OrderStore';
import { describeRefundOutcome, describeSyncReport } from '../refunds/describeRefunds';
import type { RefundService } from '../refunds/RefundService';
import type { OrderStatus } from '../checkout/OrderStatus';
import { OrderStatus as Status } from '../checkout/OrderStatus';
import {
  formatFulfilmentList,
  formatOrderDetail,
  formatOrderList,
  ORDER_CSV_HEADER,
  paidAtOf,
  toJsonText,
  toOrderCsvRow,
  toOrderDetailJson,
  toOrderSummaryJson,
} from './formatOrders';
import { RefundsNotConfiguredError } from './errors';
import type { OrdersCommand } from './parseOrdersArgs';
import { ORDERS_USAGE } from './parseOrdersArgs';
import { toCsv } from './toCsv';

/** What a command needs from the outside world; the entry point passes the real ones. */
export type OrdersCommandDeps = {
  readonly store: QueryableOrderStore;
  readonly clock: () => Date;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly writeFile: (file: string, text: string) => Promise<void>;
  /** The refunds through MWS; needed by `refund` and `sync-refunds` only. */
  readonly refunds?: Pick<RefundService, 'refund' | 'syncRefunds'>;
};

/** The exit codes of the order tools: done, refused or failed, usage or configuration error. */
export const ExitCode = { Ok: 0, Failed: 1, Usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

// Pages this large keep round trips few; DynamoDB caps each at 1 MB anyway.
const PAGE_SIZE = 500;

/** Reads every order (of one status, or all), following the listing's cursor to the end. */
async function readAll(
  store: QueryableOrderStore,
  status: OrderStatus | undefined,
): Promise<Order[]> {
  const orders: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listOrders({
      limit: PAGE_SIZE,
      ...(status !== undefined && { status }),
      ...(cursor !== undefined && { cursor }),
    });
    orders.push(...page.orders);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return orders;
}

const byCreatedAt = (a: Order, b: Order): number =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.orderId.localeCompare(b.orderId);

/** Tells why an order cannot ship, in one line; only `paid` orders ship. */
function whyNotShippable(order: Order): string {
  if (order.status === Status.Shipped) {
    return `order ${order.orderId} is shipped already (${order.updatedAt}); nothing changed`;
  }
  if (order.status === Status.CertificationTest) {
    return `order ${order.orderId} is a certification test order and is never shipped`;
  }
  if (order.status === Status.HeldForReview) {
    return (
      `order ${order.orderId} is held for review (approved with a reason the skill does not ` +
      'know) and waits for a decision; only paid orders ship'
    );
  }
  return `order ${order.orderId} is ${order.status}, not paid; only paid orders ship`;
}

/**
 * Runs one parsed command of the merchant's order tools against a store and returns its exit
 * code. Output goes to `stdout`; refusals (unknown order, an order that is not paid) go to
 * `stderr` with exit code 1. Store failures are thrown, for the entry point to report.
 */
export async function runOrdersCommand(
  command: OrdersCommand,
  deps: OrdersCommandDeps,
): Promise<ExitCode> {
  const { store, stdout, stderr } = deps;
  switch (command.kind) {
    case 'help':
      stdout(`${ORDERS_USAGE}\n`);
      return ExitCode.Ok;

    case 'list': {
      const orders = (await readAll(store, command.status))
        .sort((a, b) => byCreatedAt(b, a))
        .slice(0, command.limit);
      stdout(
        command.json
          ? toJsonText(orders.map(toOrderSummaryJson))
          : formatOrderList(orders, command.status),
      );
      return ExitCode.Ok;
    }

    case 'fulfilment': {
      // The index answers for `paid`; the check again on each item keeps anything else out even
      // if the index lags a change.
      const orders = (await readAll(store, Status.Paid))
        .filter((order) => order.status === Status.Paid)
        .sort(
          (a, b) =>
            Date.parse(paidAtOf(a)) - Date.parse(paidAtOf(b)) || a.orderId.localeCompare(b.orderId),
        );
      stdout(
        command.json ? toJsonText(orders.map(toOrderSummaryJson)) : formatFulfilmentList(orders),
      );
      return ExitCode.Ok;
    }

    case 'show': {
      const order = await store.get(command.orderId);
      if (order === undefined) {
        stderr(`no order with id ${command.orderId}\n`);
        return ExitCode.Failed;
      }
      stdout(command.json ? toJsonText(toOrderDetailJson(order)) : formatOrderDetail(order));
      return ExitCode.Ok;
    }

    case 'ship': {
      const result = await store.markShipped({
        orderId: command.orderId,
        at: deps.clock().toISOString(),
      });
      if (result.kind === 'applied') {
        stdout(`order ${command.orderId} is marked shipped\n`);
        return ExitCode.Ok;
      }
      stderr(
        `${
          result.current === undefined
            ? `no order with id ${command.orderId}`
            : whyNotShippable(result.current)
        }\n`,
      );
      return ExitCode.Failed;
    }

    case 'export-csv': {
      const orders = (await readAll(store, command.status)).sort(byCreatedAt);
      const csv = toCsv([ORDER_CSV_HEADER, ...orders.map(toOrderCsvRow)]);
      if (command.out === undefined) {
        stdout(csv);
      } else {
        await deps.writeFile(command.out, csv);
        stdout(`wrote ${orders.length} order${orders.length === 1 ? '' : 's'} to ${command.out}\n`);
      }
      return ExitCode.Ok;
    }

    case 'refund': {
      if (deps.refunds === undefined) throw new RefundsNotConfiguredError();
      const outcome = await deps.refunds.refund({
        orderId: command.orderId,
        amount: command.amount,
      });
      const message = describeRefundOutcome(command.orderId, outcome);
      (message.stream === 'stdout' ? stdout : stderr)(`${message.line}\n`);
      return message.exitCode;
    }

    case 'sync-refunds': {
      if (deps.refunds === undefined) throw new RefundsNotConfiguredError();
      const report = describeSyncReport(await deps.refunds.syncRefunds());
      stdout(report.lines.map((line) => `${line}\n`).join(''));
      return report.exitCode;
    }

    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
