/** A page of a list operation, as the API returns it. */
export interface ListObject<T> {
  object: 'list';
  data: T[];
  /** Whether another page exists after this one. */
  has_more: boolean;
}

/** Fetches the page after the object with this id (the first page when undefined). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<ListObject<T>>;

/** The cursor of the page after this one: the last id going back in time (`starting_after`). */
const lastId = <T extends { id: string }>(page: ListObject<T>) => page.data.at(-1)?.id;

/**
 * What a `list()` call returns: await it for the first page, or iterate it with `for await` to walk
 * every object across pages (`starting_after` = the last id, while `has_more`). Pages are fetched
 * lazily, one at a time, as the loop asks for more.
 *
 * @example
 * ```ts
 * const first = await tessera.payments.list({ limit: 10 }); // one page
 * for await (const payment of tessera.payments.list({ limit: 100 })) console.log(payment.id); // all
 * ```
 */
export class ListPromise<T extends { id: string }> implements Promise<ListObject<T>>, AsyncIterable<T> {
  readonly [Symbol.toStringTag] = 'ListPromise';
  readonly #fetchPage: PageFetcher<T>;
  readonly #nextCursor: (page: ListObject<T>) => string | undefined;
  #first: Promise<ListObject<T>> | undefined;

  /**
   * @param fetchPage fetches a page from a cursor (undefined: the first page).
   * @param nextCursor the cursor after a page: its last id by default (`starting_after`); the
   *   first id when walking towards newer objects (`ending_before`).
   */
  constructor(fetchPage: PageFetcher<T>, nextCursor: (page: ListObject<T>) => string | undefined = lastId) {
    this.#fetchPage = fetchPage;
    this.#nextCursor = nextCursor;
  }

  // biome-ignore lint/suspicious/noThenProperty: a ListPromise is awaitable on purpose, like a Promise.
  then<A = ListObject<T>, B = never>(
    onfulfilled?: ((value: ListObject<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<ListObject<T> | B> {
    return this.#firstPage().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<ListObject<T>> {
    return this.#firstPage().finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#firstPage();
    for (;;) {
      yield* page.data;
      const cursor = this.#nextCursor(page);
      if (!page.has_more || cursor === undefined) return;
      page = await this.#fetchPage(cursor);
    }
  }

  /**
   * Every object across pages, up to `limit` (required, so a long history is never loaded by accident).
   *
   * @example
   * ```ts
   * const recent = await tessera.events.list({ limit: 100 }).toArray({ limit: 500 });
   * ```
   */
  async toArray({ limit }: { limit: number }): Promise<T[]> {
    const out: T[] = [];
    if (limit <= 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }

  #firstPage(): Promise<ListObject<T>> {
    this.#first ??= this.#fetchPage(undefined);
    return this.#first;
  }
}
