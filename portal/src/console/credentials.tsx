import { type FormEvent, useState } from 'react';
import { ok, type Schema } from './api';
import { Field, fieldError, useAction } from './form';
import { useSession } from './session';
import { CopyButton, formatTime, ProblemNotice, SecretOnce, styles } from './ui';

type App = Schema<'App'>;

/** client_id, how the app authenticates, its redirect URIs, and secret rotation. */
export function CredentialsTab({ app, onChange }: { app: App; onChange(): void }) {
  const { api } = useSession();
  return (
    <>
      <section aria-labelledby="credentials">
        <h2 id="credentials">Credentials</h2>
        <dl className={styles.dl}>
          <dt>client_id</dt>
          <dd>
            <code data-testid="client-id">{app.id}</code> <CopyButton value={app.id} label="Copy client_id" />
          </dd>
          <dt>Token endpoint</dt>
          <dd>
            <code>{api.baseUrl}/oauth/token</code>
          </dd>
          <dt>Authentication</dt>
          <dd>
            <code>{app.token_endpoint_auth_method}</code>
          </dd>
          <dt>Access tokens</dt>
          <dd>{app.dpop_bound_access_tokens ? 'DPoP-bound (Authorization: DPoP)' : 'Bearer (DPoP off)'}</dd>
          <dt>Plan</dt>
          <dd>
            <code>{app.plan}</code>
          </dd>
          <dt>Scopes</dt>
          <dd>
            <code>{app.scopes.join(' ')}</code>
          </dd>
          <dt>Created</dt>
          <dd>{formatTime(app.created_at)}</dd>
        </dl>
      </section>
      <RedirectUris app={app} onChange={onChange} />
      {app.token_endpoint_auth_method === 'client_secret_basic' ? <RotateSecret app={app} /> : null}
    </>
  );
}

function RedirectUris({ app, onChange }: { app: App; onChange(): void }) {
  const { api } = useSession();
  const [uris, setUris] = useState<string[]>(app.redirect_uris);
  const [draft, setDraft] = useState('');
  const { busy, problem, run } = useAction();
  const [saved, setSaved] = useState(false);

  const save = async (next: string[]) => {
    setSaved(false);
    return run(async () => {
      const updated = await ok(
        api.PATCH('/v1/developer/apps/{id}', {
          params: { path: { id: app.id } },
          body: { redirect_uris: next },
        }),
      );
      setUris(updated.redirect_uris);
      setSaved(true);
      onChange();
    });
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const uri = draft.trim();
    if (!uri) return;
    if (await save([...uris, uri])) setDraft('');
  };

  return (
    <section aria-labelledby="redirect-uris">
      <h2 id="redirect-uris">Redirect URIs</h2>
      <p className={styles.muted}>
        Exact match. https, or http on 127.0.0.1, [::1] or localhost; no fragment. At least one, at most 20.
      </p>
      <ul className={styles.uriList} data-testid="redirect-uris">
        {uris.map((uri) => (
          <li key={uri}>
            <code>{uri}</code>
            <button
              type="button"
              className="button button--sm button--outline button--danger"
              disabled={busy || uris.length === 1}
              aria-label={`Remove ${uri}`}
              onClick={() => save(uris.filter((u) => u !== uri))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {saved ? (
        <p role="status" className={styles.muted}>
          Saved.
        </p>
      ) : null}
      <form onSubmit={add} className={styles.form}>
        <Field
          label="Add a redirect URI"
          type="url"
          name="redirect_uri"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="https://shop.example/callback"
          required
          error={fieldError(problem, 'redirect_uris')}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          Add redirect URI
        </button>
      </form>
    </section>
  );
}

function RotateSecret({ app }: { app: App }) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState<Schema<'AppWithSecret'> | null>(null);
  const { problem, run } = useAction();

  const rotate = async () => {
    await run(async () => {
      setRotated(
        await ok(api.POST('/v1/developer/apps/{id}/rotate-secret', { params: { path: { id: app.id } } })),
      );
      setConfirming(false);
    });
  };

  return (
    <section aria-labelledby="client-secret">
      <h2 id="client-secret">Client secret</h2>
      <p>
        The secret was shown once, when the app was created. Rotating issues a new one; the previous secret
        keeps working for 24 hours so you can deploy the new one.
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {rotated?.client_secret ? (
        <SecretOnce label="New client secret" value={rotated.client_secret}>
          {rotated.previous_client_secret_expires_at ? (
            <p>The previous secret works until {formatTime(rotated.previous_client_secret_expires_at)}.</p>
          ) : null}
        </SecretOnce>
      ) : null}
      {confirming ? (
        <div className={styles.actions}>
          <span>Rotate the client secret of {app.name}?</span>
          <button type="button" className="button button--danger" onClick={rotate}>
            Yes, rotate
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          Rotate secret
        </button>
      )}
    </section>
  );
}
