import type { ServiceContext } from '../../../platform/context';
import { type AppObject, appObject } from './internal/app-objects';
import { ownedApp } from './internal/find-developer';

export async function getApp({
  ctx,
  developer,
  input,
}: {
  ctx: Pick<ServiceContext, 'db'>;
  developer: { id: string; role: string };
  input: { id: string };
}): Promise<AppObject> {
  return appObject(await ownedApp(ctx.db, developer, input.id));
}
