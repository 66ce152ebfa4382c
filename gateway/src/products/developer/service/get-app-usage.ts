import type { ServiceContext } from '../../../platform/context';
import { readUsage } from '../../../platform/usage';
import { ownedApp } from './internal/find-developer';

type Ctx = Pick<ServiceContext, 'db' | 'clock'> & { usage?: { flush(): Promise<void> } | undefined };

export async function getAppUsage({
  ctx,
  developer,
  input,
}: {
  ctx: Ctx;
  developer: { id: string; role: string };
  input: { id: string; from?: string | undefined; to?: string | undefined };
}) {
  await ownedApp(ctx.db, developer, input.id);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const from = input.from ?? new Date(ctx.clock.now().getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  const to = input.to ?? today;
  await ctx.usage?.flush();
  return {
    object: 'usage' as const,
    app: input.id,
    from,
    to,
    data: await readUsage(ctx.db, input.id, from, to),
  };
}
