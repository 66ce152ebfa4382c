import type { Database } from '../../../db/client';
import { type CustomerLineView, customerLine } from './internal/customer-line';

/** The customer's own line for their pages, with recent statements and payments; null when not theirs. */
export function getCustomerLine({
  db,
  customerId,
  lineId,
}: {
  db: Database;
  customerId: string;
  lineId: string;
}): Promise<CustomerLineView | null> {
  return customerLine(db, customerId, lineId);
}
