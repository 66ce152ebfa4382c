import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import { type FormEvent, useState } from 'react';
import { ok, type Schema } from './api';
import { Field, fieldError, useAction } from './form';
import { useSession } from './session';
import { ProblemNotice, SecretOnce, styles } from './ui';

type SignUpResult = Schema<'DeveloperSignUp'>;

/** Sign in, or sign up (which also shows the developer's two tokens, once). */
export function SignInForm({ mode }: { mode: 'signin' | 'signup' }) {
  const { api, state, signedIn } = useSession();
  const history = useHistory();
  const { busy, problem, run } = useAction();
  const [tokens, setTokens] = useState<SignUpResult | null>(null);
  const signup = mode === 'signup';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    return run(async () => {
      if (signup) {
        const result = await ok(
          api.POST('/v1/developer/signup', {
            body: {
              email: String(form.get('email')),
              name: String(form.get('name')),
              password: String(form.get('password')),
            },
          }),
        );
        signedIn(result);
        setTokens(result);
      } else {
        signedIn(
          await ok(
            api.POST('/v1/developer/signin', {
              body: { email: String(form.get('email')), password: String(form.get('password')) },
            }),
          ),
        );
        history.push('/console');
      }
    });
  };

  if (tokens)
    return (
      <section aria-labelledby="welcome">
        <h1 id="welcome">Welcome to Tessera</h1>
        <p>Your account and your own sandbox world are ready.</p>
        <SecretOnce label="Developer API token" value={tokens.api_token}>
          <p>
            Scripts and CI can call the developer API with <code>Authorization: Bearer</code> and this token
            until {tokens.api_token_expires_at} (90 days).
          </p>
        </SecretOnce>
        <SecretOnce
          label="Initial access token"
          value={tokens.initial_access_token}
          testId="initial-access-token"
        >
          <p>
            Registers apps by Dynamic Client Registration (<code>POST /oauth/register</code>) and nothing
            else, until {tokens.initial_access_token_expires_at} (30 days).
          </p>
        </SecretOnce>
        <Link className="button button--primary" to="/console">
          Continue to your apps
        </Link>
      </section>
    );

  const title = signup ? 'Create your developer account' : 'Sign in to the console';
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{title}</h1>
      {state.status === 'signed-in' ? (
        <p>
          You are signed in as {state.developer.email}. <Link to="/console">Go to your apps</Link>.
        </p>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
      <form onSubmit={submit} className={styles.form} aria-busy={busy}>
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError(problem, 'email')}
        />
        {signup ? (
          <Field label="Name" name="name" autoComplete="name" required error={fieldError(problem, 'name')} />
        ) : null}
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={signup ? 'new-password' : 'current-password'}
          minLength={signup ? 12 : undefined}
          hint={signup ? 'At least 12 characters.' : undefined}
          required
          error={fieldError(problem, 'password')}
        />
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {signup ? 'Create account' : 'Sign in'}
          </button>
          {signup ? (
            <Link to="/console/signin">I have an account</Link>
          ) : (
            <Link to="/console/signup">Create an account</Link>
          )}
        </div>
      </form>
    </section>
  );
}
