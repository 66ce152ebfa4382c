import type { Requester } from '../core/requester.js';

/** A group of operations of one product, sharing the requester of the client or session it hangs off. */
export abstract class Resource {
  protected readonly requester: Requester;

  constructor(requester: Requester) {
    this.requester = requester;
  }
}
