import { BANK_NAME, Layout } from './layout';
import { describedBy, FORM_ERROR_ID, FormError, HiddenFields, SandboxNote } from './parts';

export interface LoginPageProps {
  /** The app (OAuth client) asking to connect. */
  appName: string;
  /** Where the form POSTs. */
  action: string;
  csrf: string;
  /** Values the flow carries from step to step (e.g. the PAR request_uri), sent back as hidden inputs. */
  hidden: Record<string, string>;
  error?: string | undefined;
  sandbox: boolean;
  /**
   * `account`: the customer signs in to manage connected apps, no app is asking; `offer`: to
   * answer an offer of the bank that the app showed them (a higher credit limit).
   */
  purpose?: 'connect' | 'account' | 'offer';
}

/** The sandbox customers of DOMAIN.md; all sign in with the password `sandbox`. */
export const SANDBOX_CUSTOMERS = ['ava', 'ben', 'cam', 'dee', 'eli', 'fay', 'gus', 'hal'] as const;

/** Step 1 of the authorization flow: the customer signs in on the bank's own page. */
export function LoginPage({
  appName,
  action,
  csrf,
  hidden,
  error,
  sandbox,
  purpose = 'connect',
}: LoginPageProps) {
  const invalid = error ? 'true' : undefined;
  const errorId = error ? FORM_ERROR_ID : undefined;
  return (
    <Layout title="Sign in">
      <h1>Sign in to {BANK_NAME}</h1>
      {purpose === 'account' ? (
        <p>Sign in to see which apps can access your {BANK_NAME} account, and to revoke their access.</p>
      ) : purpose === 'offer' ? (
        <p>
          Sign in to see the offer {BANK_NAME} made you through <strong>{appName}</strong>, and to accept or
          decline it. This is {BANK_NAME}’s own page: {appName} never sees your username or password.
        </p>
      ) : (
        <>
          <p>
            <strong>{appName}</strong> is asking to connect to your {BANK_NAME} account.
          </p>
          <p>
            This is {BANK_NAME}’s own page, so {appName} never sees your username or password. After you sign
            in, we will show you exactly what {appName} is asking for, and you choose whether to allow it.
          </p>
        </>
      )}
      <FormError error={error} />
      <form method="post" action={action}>
        <HiddenFields csrf={csrf} hidden={hidden} />
        <div class="field">
          <label for="username">Username</label>
          <input
            id="username"
            name="username"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            aria-invalid={invalid}
            aria-describedby={describedBy(errorId)}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={invalid}
            aria-describedby={describedBy(errorId)}
          />
        </div>
        <div class="actions">
          <button class="button" type="submit">
            Sign in
          </button>
        </div>
      </form>
      {sandbox && (
        <SandboxNote>
          sign in as any sandbox customer ({SANDBOX_CUSTOMERS.join(', ')}) with the password{' '}
          <code>sandbox</code>.
        </SandboxNote>
      )}
    </Layout>
  );
}
