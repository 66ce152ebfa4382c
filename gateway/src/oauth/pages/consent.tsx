import { BANK_NAME, Layout } from './layout';
import { type AccessItem, HiddenFields } from './parts';

/** Where customers see and revoke the access they gave. */
export const ACCOUNT_CONSENTS_PATH = '/account/consents';

export interface ConsentPageProps {
  app: { name: string; logoUri?: string | undefined };
  customerName: string;
  /** What the app may do, from {@link describeAccess}. */
  items: AccessItem[];
  /** When access ends, as a human date ("12 March 2027"); absent means until revoked. */
  expiresAt?: string | undefined;
  /** A one-off consent (one payment, one checkout loan): access ends when it is used. */
  oneOff?: boolean | undefined;
  /** Where the form POSTs, with `decision=approve` or `decision=deny`. */
  action: string;
  csrf: string;
  /** Values the flow carries from step to step, sent back as hidden inputs. */
  hidden: Record<string, string>;
}

/** Only logos the CSP (`img-src 'self' https: data:`) would load: https, inline images, same-origin paths. */
export function safeLogoUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  if (/^https:\/\//i.test(uri) || /^data:image\//i.test(uri) || /^\/(?!\/)/.test(uri)) return uri;
  return undefined;
}

/** Step 3 of the authorization flow: the customer allows or denies what the app asks for. */
export function ConsentPage({
  app,
  customerName,
  items,
  expiresAt,
  oneOff,
  action,
  csrf,
  hidden,
}: ConsentPageProps) {
  const logo = safeLogoUri(app.logoUri);
  const until = oneOff ? 'for this one payment' : expiresAt ? `until ${expiresAt}` : 'until you revoke it';
  return (
    <Layout title={`Allow ${app.name}?`}>
      <div class="app-heading">
        {logo && <img class="app-logo" src={logo} alt={app.name} width="48" height="48" />}
        <h1>Allow {app.name} to use your account?</h1>
      </div>
      <p class="muted">Signed in as {customerName}.</p>
      <p>
        <strong>{app.name}</strong> is asking for permission to do the following with your {BANK_NAME}{' '}
        account:
      </p>
      <ul class="card-list">
        {items.map((item) => (
          <li class="card">
            <h2>{item.title}</h2>
            <ul class="lines">
              {item.lines.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h2>How long</h2>
      <p>
        {app.name} can do this {until}.
      </p>
      <p>
        You can revoke this access at any time from your account, at{' '}
        <a href={ACCOUNT_CONSENTS_PATH}>{ACCOUNT_CONSENTS_PATH}</a>.
      </p>
      <p>Choose Allow to give {app.name} this access, or Deny to go back to it without sharing anything.</p>
      <form method="post" action={action}>
        <HiddenFields csrf={csrf} hidden={hidden} />
        <div class="actions">
          <button class="button" type="submit" name="decision" value="approve">
            Allow
          </button>
          <button class="button button-secondary" type="submit" name="decision" value="deny">
            Deny
          </button>
        </div>
      </form>
    </Layout>
  );
}
