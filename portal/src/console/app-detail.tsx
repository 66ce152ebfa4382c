import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import { type KeyboardEvent, useId, useRef } from 'react';
import { ok } from './api';
import { CredentialsTab } from './credentials';
import { GoLiveTab } from './go-live';
import { MoneyTab } from './money';
import { RequestsTab } from './requests';
import { useSession } from './session';
import { SubscriptionsTab } from './subscriptions';
import { Loading, ProblemNotice, styles, useLoad } from './ui';
import { UsageTab } from './usage';
import { WebhooksTab } from './webhooks';

const TABS = [
  { id: 'credentials', label: 'Credentials' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'usage', label: 'Usage' },
  { id: 'requests', label: 'Request log' },
  { id: 'subscriptions', label: 'Subscriptions' },
  { id: 'money', label: 'Money' },
  { id: 'go-live', label: 'Go live' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** One app: /console/app?id=app_…&tab=…, a tab per concern. */
export function AppDetail() {
  const { api } = useSession();
  const location = useLocation();
  const history = useHistory();
  const params = new URLSearchParams(location.search);
  const id = params.get('id') ?? '';
  const tab: TabId = TABS.some((t) => t.id === params.get('tab'))
    ? (params.get('tab') as TabId)
    : 'credentials';
  const app = useLoad(() => ok(api.GET('/v1/developer/apps/{id}', { params: { path: { id } } })), [api, id]);
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (next: TabId, focus = false) => {
    const q = new URLSearchParams(location.search);
    q.set('tab', next);
    history.replace({ search: q.toString() });
    if (focus) buttons.current[TABS.findIndex((t) => t.id === next)]?.focus();
  };
  // WAI-ARIA tabs: arrows move between tabs, Home and End jump to the ends.
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const move: Record<string, number> = {
      ArrowRight: i + 1,
      ArrowLeft: i - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const to = move[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(TABS[(to + TABS.length) % TABS.length]!.id, true);
  };

  if (!id)
    return (
      <p>
        No app given. Go back to <Link to="/console">your apps</Link>.
      </p>
    );
  if (app.error) return <ProblemNotice problem={app.error} />;
  if (!app.data) return <Loading what="the app" />;
  return (
    <>
      <p>
        <Link to="/console">← Your apps</Link>
      </p>
      <h1>
        {app.data.name} <span className={styles.badge}>{app.data.mode}</span>
      </h1>
      <div role="tablist" aria-label="App sections" className={styles.tabs} onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className={styles.tab}
            onClick={() => select(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${tab}`}>
        {tab === 'credentials' ? <CredentialsTab app={app.data} onChange={app.reload} /> : null}
        {tab === 'webhooks' ? <WebhooksTab app={app.data} /> : null}
        {tab === 'usage' ? <UsageTab app={app.data} /> : null}
        {tab === 'requests' ? <RequestsTab app={app.data} /> : null}
        {tab === 'subscriptions' ? <SubscriptionsTab app={app.data} onChange={app.reload} /> : null}
        {tab === 'money' ? <MoneyTab app={app.data} /> : null}
        {tab === 'go-live' ? <GoLiveTab app={app.data} /> : null}
      </div>
    </>
  );
}
