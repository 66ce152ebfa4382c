import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import {
  type ButtonHTMLAttributes,
  type DependencyList,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useState,
} from 'react';
import errorCodes from '../generated/error-codes.json';
import { ApiProblem } from './api';
import styles from './console.module.css';
import { SessionProvider, useSession } from './session';

const KNOWN_CODES = new Set<string>(errorCodes);

/**
 * A console page: the site layout, then (in the browser only: it needs the session cookie) the
 * console's own navigation and the page, or a sign-in prompt when `signedIn` is required.
 */
export function ConsolePage({
  title,
  children,
  signedIn = true,
}: {
  title: string;
  children: () => ReactNode;
  signedIn?: boolean;
}) {
  return (
    <Layout title={title} noFooter>
      <main className={styles.console}>
        <BrowserOnly fallback={<p className={styles.muted}>Loading the console…</p>}>
          {() => (
            <SessionProvider>
              <ConsoleNav />
              <Gate signedIn={signedIn}>{children}</Gate>
            </SessionProvider>
          )}
        </BrowserOnly>
      </main>
    </Layout>
  );
}

function Gate({ signedIn, children }: { signedIn: boolean; children: () => ReactNode }) {
  const { state } = useSession();
  if (!signedIn) return <>{children()}</>;
  if (state.status === 'loading') return <p className={styles.muted}>Loading…</p>;
  if (state.status === 'signed-out')
    return (
      <section aria-labelledby="signin-needed">
        <h1 id="signin-needed">Sign in to the console</h1>
        {state.problem ? <ProblemNotice problem={state.problem} /> : null}
        <p>
          <Link className="button button--primary" to="/console/signin">
            Sign in
          </Link>{' '}
          <Link className="button button--secondary" to="/console/signup">
            Create an account
          </Link>
        </p>
      </section>
    );
  return <>{children()}</>;
}

function ConsoleNav() {
  const { state, signOut, api } = useSession();
  return (
    <nav className={styles.nav} aria-label="Console">
      <ul>
        <li>
          <Link to="/console">Apps</Link>
        </li>
        <li>
          <Link to="/console/sandbox">Sandbox</Link>
        </li>
        {state.status === 'signed-in' && state.developer.role === 'bank_staff' ? (
          <li>
            <Link to="/console/admin">Admin</Link>
          </li>
        ) : null}
        {state.status === 'signed-in' && state.developer.role === 'product_team' ? (
          <li>
            <Link to="/console/products">Products</Link>
          </li>
        ) : null}
      </ul>
      <div className={styles.who}>
        {state.status === 'signed-in' ? (
          <>
            <span data-testid="signed-in-as">{state.developer.email}</span>
            <SmallButton onClick={() => signOut()}>Sign out</SmallButton>
          </>
        ) : null}
        <span className={styles.muted} title="Change with ?gateway=<url>">
          Gateway: <code>{api.baseUrl}</code>
        </span>
      </div>
    </nav>
  );
}

/** A problem from the gateway: what to do, its code (linked to its page) and request id. */
export function ProblemNotice({ problem }: { problem: unknown }) {
  const p =
    problem instanceof ApiProblem
      ? problem
      : new ApiProblem(0, 'unexpected', problem instanceof Error ? problem.message : String(problem), null);
  return (
    <div className={`alert alert--danger ${styles.alert}`} role="alert">
      <p>{p.detail}</p>
      {p.errors.length ? (
        <ul>
          {p.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path || '(body)'}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      <small>
        {KNOWN_CODES.has(p.code) ? <Link to={`/errors/${p.code}`}>{p.code}</Link> : p.code}
        {p.requestId ? (
          <>
            {' · '}
            <code>{p.requestId}</code>
          </>
        ) : null}
      </small>
    </div>
  );
}

/** The console's small secondary button (never a form's submit). */
export function SmallButton(props: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className'>) {
  return <button type="button" className="button button--sm button--secondary" {...props} />;
}

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <SmallButton onClick={copy} aria-label={label}>
      {copied ? 'Copied' : 'Copy'}
      <span className={styles.srOnly} aria-live="polite">
        {copied ? ' copied to the clipboard' : ''}
      </span>
    </SmallButton>
  );
}

/** A secret shown once: the value, a copy button, and the warning that it will not come back. */
export function SecretOnce({
  label,
  value,
  children,
  testId = 'secret-value',
}: {
  label: string;
  value: string;
  children?: ReactNode;
  /** Tells two secrets on one page apart in tests. */
  testId?: string;
}) {
  const id = useId();
  return (
    <div className={`alert alert--warning ${styles.alert}`} role="status" data-testid="secret-once">
      <p>
        <strong id={id}>{label}</strong>: copy it now. It is shown only once; if you lose it, rotate it.
      </p>
      <div className={styles.secretRow}>
        <code data-testid={testId}>{value}</code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
      {children}
    </div>
  );
}

/** Loads data for a view; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` reads.
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    return run().then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => setState({ data: null, error, loading: false }),
    );
  }, [run]);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
}

export function formatMoney(money: { amount: number; currency: string } | null | undefined): string {
  if (!money) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency }).format(
    money.amount / 100,
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className={styles.muted} role="status">
      Loading {what}…
    </p>
  );
}

export { styles };
