import { lookup as systemLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { type EgressPolicy, EgressRefused, vetAddress } from '../platform/egress/destination';
import type { FetchLike } from '../products/events/webhooks/send';

/**
 * Webhook egress on Node. Checking a hostname and then letting fetch resolve it again would vet
 * one answer and connect to another (DNS rebinding), so the resolution happens once, inside the
 * socket's connect: every address the name has is vetted, and the socket connects only to those.
 * An IP literal never reaches `lookup`, so the connector vets it itself. No proxy, no redirects.
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a hostname. Tests inject one; production uses the system resolver. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

export interface EgressFetch extends FetchLike {
  /** Closes the pooled connections (shutdown). */
  close(): Promise<void>;
}

export function createEgressFetch({ resolve = systemResolver }: { resolve?: Resolver } = {}): EgressFetch {
  const agents = new Map<boolean, Agent>();
  const agentFor = (policy: EgressPolicy) => {
    let agent = agents.get(policy.allowLoopback);
    if (!agent) {
      agent = new Agent({ connect: vettingConnector(policy, resolve) });
      agents.set(policy.allowLoopback, agent);
    }
    return agent;
  };
  const fetch = ((url, init, policy) =>
    undiciFetch(url, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agentFor(policy),
    }) as unknown as Promise<Response>) as EgressFetch;
  fetch.close = async () => {
    await Promise.all([...agents.values()].map((a) => a.close()));
    agents.clear();
  };
  return fetch;
}

function vettingConnector(policy: EgressPolicy, resolve: Resolver): buildConnector.connector {
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname)
      .then((all) => {
        // All of them, whatever family is asked for: a name with one internal address is refused.
        for (const { address } of all) {
          const why = vetAddress(address, policy);
          if (why) throw new EgressRefused(why);
        }
        const wanted = options.family ? all.filter((a) => a.family === options.family) : all;
        const first = wanted[0];
        if (!first) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
  const connect = buildConnector({ lookup });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) {
      const why = vetAddress(host, policy);
      if (why) return callback(new EgressRefused(why), null);
    }
    connect(options, callback);
  };
}
