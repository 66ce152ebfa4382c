import Link from '@docusaurus/Link';
import { type FormEvent, useState } from 'react';
import { ok, type Schema } from './api';
import { Field, fieldError, useAction } from './form';
import { ListTable, type TableSpec } from './list';
import { useSession } from './session';
import { formatTime, ProblemNotice, styles, useLoad } from './ui';

type App = Schema<'App'>;
type Request = Schema<'GoLiveRequest'>;
type Product = Request['products'][number];

const PRODUCTS: { id: Product; label: string }[] = [
  { id: 'payments', label: 'Payments' },
  { id: 'credit_scores', label: 'Credit scores' },
  { id: 'checkout_credit', label: 'Checkout credit' },
  { id: 'credit_lines', label: 'Credit lines' },
  { id: 'events', label: 'Events and webhooks' },
];

/** A sandbox app's way out of the sandbox: the request, and the bank's decision. */
export function GoLiveTab({ app }: { app: App }) {
  const { api } = useSession();
  const requests = useLoad(
    () =>
      ok(api.GET('/v1/developer/go-live-requests', { params: { query: { limit: 100 } } })).then((page) => ({
        ...page,
        data: page.data.filter((r) => r.app === app.id),
      })),
    [api, app.id],
  );
  if (app.mode === 'live') return <p>This app is live.</p>;
  const pending = requests.data?.data.some((r) => r.status === 'requested');
  return (
    <section aria-labelledby="go-live">
      <h2 id="go-live">Go live</h2>
      <p className={styles.muted}>
        The bank reviews your business and creates a live app: it signs in with private_key_jwt (the keys you
        give here) and DPoP, never a client secret, and has its own merchant account.
      </p>
      <ListTable list={requests} what="go-live requests" table={REQUESTS} />
      {pending || !requests.data ? null : <GoLiveForm app={app} onSent={requests.reload} />}
    </section>
  );
}

const REQUESTS: TableSpec<Request> = {
  testId: 'go-live-requests',
  rowKey: (r) => r.id,
  columns: [
    { label: 'Asked', cell: (r) => formatTime(r.created_at) },
    { label: 'Business', cell: (r) => `${r.business.legal_name} (${r.business.country})` },
    { label: 'Products', cell: (r) => r.products.join(', ') },
    {
      label: 'Status',
      cell: (r) => (
        <>
          <span
            className={`${styles.badge} ${r.status === 'approved' ? styles.ok : r.status === 'rejected' ? styles.bad : ''}`}
          >
            {r.status}
          </span>
          {r.reason ? <span className={styles.muted}> “{r.reason}”</span> : null}
        </>
      ),
    },
    {
      label: 'Live app',
      cell: (r) => (r.live_app ? <Link to={`/console/app?id=${r.live_app}`}>{r.live_app}</Link> : '—'),
    },
  ],
};

function GoLiveForm({ app, onSent }: { app: App; onSent(): void }) {
  const { api } = useSession();
  const { busy, problem, run } = useAction();
  const [form, setForm] = useState({
    legal_name: '',
    country: '',
    website: '',
    account: '',
    holder: '',
    jwks: '',
  });
  const [products, setProducts] = useState<Product[]>(['payments']);
  const [jwksError, setJwksError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let jwks: Schema<'CreateGoLiveRequest'>['jwks'];
    try {
      jwks = JSON.parse(form.jwks) as typeof jwks;
      setJwksError(null);
    } catch {
      setJwksError('Paste the JWK Set as JSON: {"keys": [ … ]}.');
      return;
    }
    await run(async () => {
      await ok(
        api.POST('/v1/developer/go-live-requests', {
          body: {
            app: app.id,
            legal_name: form.legal_name,
            country: form.country,
            website: form.website,
            payout_account: { account_number: form.account, holder_name: form.holder },
            products,
            jwks,
          },
        }),
      );
      onSent();
    });
  };

  return (
    <form onSubmit={submit} aria-labelledby="go-live-form">
      <h3 id="go-live-form">Ask to go live</h3>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <Field
        label="Legal name"
        required
        value={form.legal_name}
        onChange={set('legal_name')}
        error={fieldError(problem, 'legal_name')}
      />
      <Field
        label="Country"
        hint="ISO 3166-1 alpha-2, e.g. GB"
        required
        maxLength={2}
        value={form.country}
        onChange={set('country')}
        error={fieldError(problem, 'country')}
      />
      <Field
        label="Website"
        type="url"
        required
        value={form.website}
        onChange={set('website')}
        error={fieldError(problem, 'website')}
      />
      <Field
        label="Payout account number"
        inputMode="numeric"
        required
        value={form.account}
        onChange={set('account')}
        error={fieldError(problem, 'payout_account.account_number')}
      />
      <Field
        label="Account holder"
        required
        value={form.holder}
        onChange={set('holder')}
        error={fieldError(problem, 'payout_account.holder_name')}
      />
      <fieldset className={styles.field}>
        <legend>Products</legend>
        {PRODUCTS.map((p) => (
          <label key={p.id}>
            <input
              type="checkbox"
              checked={products.includes(p.id)}
              onChange={(e) =>
                setProducts(e.target.checked ? [...products, p.id] : products.filter((x) => x !== p.id))
              }
            />{' '}
            {p.label}
          </label>
        ))}
      </fieldset>
      <div className={styles.field}>
        <label htmlFor="go-live-jwks">Live app public keys (JWK Set)</label>
        <textarea
          id="go-live-jwks"
          className={styles.textarea}
          rows={6}
          required
          value={form.jwks}
          onChange={set('jwks')}
        />
        {jwksError || fieldError(problem, 'jwks') ? (
          <small className={styles.error}>{jwksError ?? fieldError(problem, 'jwks')}</small>
        ) : null}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        Send go-live request
      </button>
    </form>
  );
}
