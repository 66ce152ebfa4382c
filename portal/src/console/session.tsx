import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiProblem, ConsoleApi, ok, resolveGatewayUrl, type Schema } from './api';

type DeveloperSession = Schema<'DeveloperSession'>;

type State =
  | { status: 'loading' }
  | { status: 'signed-out'; problem: ApiProblem | null }
  | { status: 'signed-in'; developer: DeveloperSession['developer'] };

interface SessionValue {
  api: ConsoleApi;
  state: State;
  /** After sign-in or sign-up: keep the CSRF token and the developer. */
  signedIn(session: DeveloperSession): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { siteConfig } = useDocusaurusContext();
  const api = useMemo(
    () => new ConsoleApi(resolveGatewayUrl(String(siteConfig.customFields?.gatewayUrl ?? ''))),
    [siteConfig.customFields?.gatewayUrl],
  );
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    ok(api.GET('/v1/developer/me'))
      .then((me) => {
        api.csrfToken = me.csrf_token;
        if (live) setState({ status: 'signed-in', developer: me.developer });
      })
      .catch((err: unknown) => {
        if (!live) return;
        const problem = err instanceof ApiProblem && err.status !== 401 ? err : null;
        setState({ status: 'signed-out', problem });
      });
    return () => {
      live = false;
    };
  }, [api]);

  const signedIn = useCallback(
    (session: DeveloperSession) => {
      api.csrfToken = session.csrf_token;
      setState({ status: 'signed-in', developer: session.developer });
    },
    [api],
  );
  const signOut = useCallback(async () => {
    try {
      await ok(api.POST('/v1/developer/signout'));
    } finally {
      api.csrfToken = null;
      setState({ status: 'signed-out', problem: null });
    }
  }, [api]);

  const value = useMemo(() => ({ api, state, signedIn, signOut }), [api, state, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}
