import { Layout } from './layout';
import { type AccessItem, AccessItems } from './parts';

export interface AccountConsent {
  id: string;
  appName: string;
  /** What the app may do, from {@link describeAccess}. */
  items: AccessItem[];
  /** When access was given, as a human date. */
  since: string;
  /** When access ends, as a human date; null when it lasts until revoked. */
  expiresAt: string | null;
  /** Consent status (DOMAIN.md): only `authorised` consents are current and can be revoked. */
  status: string;
}

export interface AccountConsentsPageProps {
  customerName: string;
  consents: AccountConsent[];
  csrf: string;
  /** The outcome of the last action, e.g. "Access for Demo Shop was revoked." */
  notice?: string | undefined;
}

const STATUS_WORDS: Record<string, string> = {
  awaiting_authorisation: 'Not completed',
  rejected: 'Declined',
  revoked: 'Revoked',
  expired: 'Expired',
  consumed: 'Used',
};

/** A consent status in plain words. */
export function statusInWords(status: string): string {
  const words = STATUS_WORDS[status] ?? status.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function revokeAction(id: string): string {
  return `/account/consents/${encodeURIComponent(id)}/revoke`;
}

/** The customer's consent dashboard: every app with access, one-click revoke, and past access. */
export function AccountConsentsPage({ customerName, consents, csrf, notice }: AccountConsentsPageProps) {
  const current = consents.filter((c) => c.status === 'authorised');
  const past = consents.filter((c) => c.status !== 'authorised');
  return (
    <Layout title="Connected apps">
      <h1>Connected apps</h1>
      <p class="muted">Signed in as {customerName}.</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        These apps can use your account in the ways listed. If you revoke an app’s access, it stops working at
        once.
      </p>
      <h2>Apps with access</h2>
      {current.length > 0 ? (
        <ul class="card-list">
          {current.map((c) => (
            <li class="card">
              <h3>{c.appName}</h3>
              <AccessItems items={c.items} />
              <dl class="meta">
                <dt>Since</dt>
                <dd>{c.since}</dd>
                <dt>Until</dt>
                <dd>{c.expiresAt ?? 'You revoke it'}</dd>
              </dl>
              <form method="post" action={revokeAction(c.id)}>
                <input type="hidden" name="csrf" value={csrf} />
                <button class="button button-danger" type="submit">
                  Revoke access for {c.appName}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          No apps have access to your account right now.
          {consents.length === 0 && ' When you allow an app to use your account, it will appear here.'}
        </p>
      )}
      {past.length > 0 && (
        <>
          <h2>Past access</h2>
          <ul class="card-list">
            {past.map((c) => (
              <li class="card">
                <h3>{c.appName}</h3>
                <AccessItems items={c.items} />
                <dl class="meta">
                  <dt>From</dt>
                  <dd>{c.since}</dd>
                  <dt>Status</dt>
                  <dd>{statusInWords(c.status)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/account/credit-lines">Your credit lines</a> ·{' '}
        <a href="/account/inquiries">Who checked your credit</a>
      </p>
      <form method="post" action="/account/logout">
        <input type="hidden" name="csrf" value={csrf} />
        <button class="button" type="submit">
          Sign out
        </button>
      </form>
    </Layout>
  );
}
