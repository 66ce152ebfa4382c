import { BANK_NAME, Layout } from './layout';
import { describedBy, FORM_ERROR_ID, FormError, HiddenFields, SandboxNote } from './parts';

export interface OtpPageProps {
  /** The app (OAuth client) asking to connect. */
  appName: string;
  /** Where the form POSTs. */
  action: string;
  csrf: string;
  /** Values the flow carries from step to step, sent back as hidden inputs. */
  hidden: Record<string, string>;
  error?: string | undefined;
  sandbox: boolean;
}

const HINT_ID = 'code-hint';

/** Step 2 of the authorization flow: the one-time code. */
export function OtpPage({ appName, action, csrf, hidden, error, sandbox }: OtpPageProps) {
  return (
    <Layout title="Enter your code">
      <h1>Enter your one-time code</h1>
      <p>
        To keep your account safe, {BANK_NAME} checks it is really you before {appName} can connect.
      </p>
      <FormError error={error} />
      <form method="post" action={action}>
        <HiddenFields csrf={csrf} hidden={hidden} />
        <div class="field">
          <label for="code">One-time code</label>
          <p id={HINT_ID} class="hint">
            The 6-digit code we sent you.
          </p>
          <input
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            maxlength={6}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(HINT_ID, error && FORM_ERROR_ID)}
          />
        </div>
        <div class="actions">
          <button class="button" type="submit">
            Continue
          </button>
        </div>
      </form>
      {sandbox && (
        <SandboxNote>
          the one-time code is always <code>123456</code>.
        </SandboxNote>
      )}
    </Layout>
  );
}
