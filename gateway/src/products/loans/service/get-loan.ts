import type { ServiceContext } from '../../../platform/context';
import { findLoan } from './find-loan';
import { type LoanObject, loanObject } from './internal/objects';

/** The app's own loan (and the token's customer's, when it acts for one), with its schedule. */
export async function getLoan({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<LoanObject> {
  const { loan, installments } = await findLoan(ctx, input.id);
  return loanObject(loan, installments);
}
