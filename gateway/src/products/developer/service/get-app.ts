import type { ServiceContext } from '../../../platform/context';
import { type AppObject, appObject } from './app-objects';
import { ownedApp } from './find-developer';

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
