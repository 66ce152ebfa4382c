import type { Database } from '../../../db/client';
import type { Clock } from '../../../platform/clock';
import { type ClientApp, findClient } from '../../clients';
import type { AuthorizationFlow } from '../../consent-steps';
import { type Customer, findCustomer } from '../../store/customers';
import { findPushedRequest } from '../../store/par';
import type { CustomerSession } from '../../store/sessions';
import { REQUEST_URI_PREFIX } from '../push-authorization';

/** The flow a request_uri names, or null: a bad link is shown to the customer, never redirected. */
export async function findAuthorizationFlow(
  deps: { db: Database; clock: Clock },
  clientId: string | undefined,
  requestUri: string | undefined,
): Promise<AuthorizationFlow | null> {
  if (!clientId || !requestUri?.startsWith(REQUEST_URI_PREFIX)) return null;
  const id = requestUri.slice(REQUEST_URI_PREFIX.length);
  const request = await findPushedRequest(deps.db, deps.clock, id);
  if (!request || request.client_id !== clientId) return null;
  const client = await findClient(deps.db, clientId);
  if (!client) return null;
  return { client, request, requestId: id, hidden: { client_id: clientId, request_uri: requestUri } };
}

/** The customer this session authenticated, if they belong to the app's world (sandbox or live). */
export async function sessionCustomer(
  db: Database,
  session: CustomerSession,
  client: ClientApp,
): Promise<Customer | null> {
  if (!session.customerId) return null;
  const customer = await findCustomer(db, session.customerId);
  if (!customer) return null;
  const sameWorld =
    client.mode === 'sandbox' ? customer.sandboxId === client.sandboxId : customer.mode === 'live';
  return sameWorld ? customer : null;
}
