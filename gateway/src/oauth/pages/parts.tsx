import type { Child } from 'hono/jsx';

/** Id of the error message element; inputs point at it with `aria-describedby`. */
export const FORM_ERROR_ID = 'form-error';

/** The CSRF token and the flow's carried-over values, as hidden inputs. */
export function HiddenFields({ csrf, hidden }: { csrf: string; hidden?: Record<string, string> }) {
  return (
    <>
      <input type="hidden" name="csrf" value={csrf} />
      {Object.entries(hidden ?? {})
        .filter(([name]) => name !== 'csrf')
        .map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
    </>
  );
}

/**
 * The required agreement of a credit product's page: the hard-inquiry notice and a checkbox whose
 * label (the children) says what the customer agrees to. Described by the form's error when any.
 */
export function HardInquiryAgreement({ error, children }: { error?: string | undefined; children: Child }) {
  const hint = 'agree-hint';
  return (
    <div class="field">
      <p class="hint" id={hint}>
        Agreeing takes a hard look at your credit file, which your credit report will show.
      </p>
      <label for="agree">
        <input
          type="checkbox"
          id="agree"
          name="agree"
          value="yes"
          required
          aria-describedby={error ? `${hint} ${FORM_ERROR_ID}` : hint}
          aria-invalid={error ? 'true' : undefined}
        />{' '}
        {children}
      </label>
    </div>
  );
}

/** The form's error, announced by screen readers as soon as the page loads. */
export function FormError({ error }: { error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={FORM_ERROR_ID} class="alert" role="alert">
      {error}
    </p>
  );
}

/** Space-separated ids for `aria-describedby`, or undefined (no attribute) when there are none. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => Boolean(id));
  return list.length > 0 ? list.join(' ') : undefined;
}

/** A note shown only in sandbox mode, with the test credentials. */
export function SandboxNote({ children }: { children?: Child }) {
  return (
    <p class="note">
      <strong>Sandbox:</strong> {children}
    </p>
  );
}

export interface AccessItem {
  title: string;
  lines: string[];
}

/** What an app may do, inside an app's card (under its h3): a heading per item, its lines as a list. */
export function AccessItems({ items }: { items: AccessItem[] }) {
  return (
    <>
      {items.map((item) => (
        <div class="access-item">
          <h4>{item.title}</h4>
          <ul class="lines">
            {item.lines.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
