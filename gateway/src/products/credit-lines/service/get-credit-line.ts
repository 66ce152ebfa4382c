import type { ServiceContext } from '../../../platform/context';
import { findLine } from './find-line';
import { type CreditLineObject, lineObject } from './internal/objects';

export async function getCreditLine({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<CreditLineObject> {
  return lineObject(await findLine(ctx, input.id));
}
