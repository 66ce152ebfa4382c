import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { creditInquiries, customers } from '../../db/schema';
import type { ClientApp } from '../clients';

export type Customer = typeof customers.$inferSelect;

/** The customer a login name means for this app: in its sandbox world, or among live customers. */
export async function findCustomerByLogin(
  db: Database,
  app: Pick<ClientApp, 'mode' | 'sandboxId'>,
  login: string,
): Promise<Customer | null> {
  if (login.length === 0 || login.length > 100) return null;
  const where =
    app.mode === 'sandbox' && app.sandboxId
      ? and(eq(customers.mode, 'sandbox'), eq(customers.sandboxId, app.sandboxId), eq(customers.login, login))
      : and(eq(customers.mode, 'live'), eq(customers.login, login));
  const [row] = await db.select().from(customers).where(where);
  return row ?? null;
}

export async function findCustomer(db: Database, id: string): Promise<Customer | null> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row ?? null;
}

/** Every look at the customer's credit, newest first, for their account pages. */
export async function listInquiries(db: Database, customerId: string) {
  return db
    .select()
    .from(creditInquiries)
    .where(eq(creditInquiries.customerId, customerId))
    .orderBy(desc(creditInquiries.createdAt))
    .limit(200);
}
