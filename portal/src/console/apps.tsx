import Link from '@docusaurus/Link';
import { type FormEvent, useState } from 'react';
import { ok, type Schema, withDefaults } from './api';
import { Field, fieldError, useAction } from './form';
import { ListState } from './list';
import { useSession } from './session';
import { CopyButton, formatTime, ProblemNotice, SecretOnce, styles, useLoad } from './ui';

type AppWithSecret = Schema<'AppWithSecret'>;

export const appHref = (id: string, tab?: string) =>
  `/console/app?id=${encodeURIComponent(id)}${tab ? `&tab=${tab}` : ''}`;

/** The developer's apps and the form that creates a sandbox app. */
export function AppsView() {
  const { api } = useSession();
  const apps = useLoad(() => ok(api.GET('/v1/developer/apps', { params: { query: { limit: 100 } } })), [api]);
  const [created, setCreated] = useState<AppWithSecret | null>(null);

  return (
    <>
      <h1>Your apps</h1>
      {created ? <CreatedApp app={created} /> : null}
      <section aria-labelledby="apps-list">
        <h2 id="apps-list">Apps</h2>
        <ListState list={apps} what="apps" empty="No apps yet: create your first one below.">
          {(rows) => (
            <ul className={styles.cards} data-testid="app-list">
              {rows.map((app) => (
                <li key={app.id} className={styles.card}>
                  <h3>
                    <Link to={appHref(app.id)}>{app.name}</Link>
                  </h3>
                  <p>
                    <span className={styles.badge}>{app.mode}</span> <code>{app.id}</code>
                  </p>
                  <p className={styles.muted}>Created {formatTime(app.created_at)}</p>
                </li>
              ))}
            </ul>
          )}
        </ListState>
      </section>
      <CreateAppForm
        onCreated={(app) => {
          setCreated(app);
          apps.reload();
        }}
      />
    </>
  );
}

function CreatedApp({ app }: { app: AppWithSecret }) {
  return (
    <section aria-labelledby="created-app" data-testid="created-app">
      <h2 id="created-app">{app.name} is ready</h2>
      <dl className={styles.dl}>
        <dt>client_id</dt>
        <dd>
          <code data-testid="client-id">{app.id}</code> <CopyButton value={app.id} label="Copy client_id" />
        </dd>
        <dt>Authentication</dt>
        <dd>
          <code>{app.token_endpoint_auth_method}</code>
          {app.dpop_bound_access_tokens ? ', DPoP-bound tokens' : ', Bearer tokens (no DPoP)'}
        </dd>
      </dl>
      {app.client_secret ? <SecretOnce label="Client secret" value={app.client_secret} /> : null}
      <p>
        <Link to={appHref(app.id)}>Open {app.name}</Link> to add redirect URIs, webhooks and more.
      </p>
    </section>
  );
}

function CreateAppForm({ onCreated }: { onCreated(app: AppWithSecret): void }) {
  const { api } = useSession();
  const { busy, problem, run } = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    return run(async () => {
      const app = await ok(
        api.POST('/v1/developer/apps', {
          body: withDefaults<'CreateApp', 'token_endpoint_auth_method' | 'products'>({
            name: String(form.get('name')),
            redirect_uris: [String(form.get('redirect_uri'))],
            dpop_bound_access_tokens: form.get('dpop') === 'on',
          }),
        }),
      );
      formElement.reset();
      onCreated(app);
    });
  };

  return (
    <section aria-labelledby="create-app">
      <h2 id="create-app">Create a sandbox app</h2>
      <p className={styles.muted}>
        A sandbox app is an OAuth client in your sandbox world, subscribed to every product in sandbox. It
        authenticates with <code>client_secret_basic</code>; its secret is shown once.
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <form onSubmit={submit} className={styles.form} aria-busy={busy}>
        <Field label="App name" name="name" required maxLength={100} error={fieldError(problem, 'name')} />
        <Field
          label="Redirect URI"
          name="redirect_uri"
          type="url"
          required
          defaultValue="http://127.0.0.1:4000/callback"
          hint="Where customers return after consenting: https, or http on 127.0.0.1 or localhost. Add more later."
          error={fieldError(problem, 'redirect_uris')}
        />
        <div className={styles.checkbox}>
          <input id="create-app-dpop" name="dpop" type="checkbox" defaultChecked />
          <label htmlFor="create-app-dpop">
            DPoP-bound access tokens{' '}
            <span className={styles.muted}>(untick to call the API with plain Bearer tokens and curl)</span>
          </label>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          Create app
        </button>
      </form>
    </section>
  );
}
